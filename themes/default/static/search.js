/* guidebook search: results as you type, and search from the static export when no
 * server answers. Loaded by guidebook.js when a search box is used (and to analyse
 * the words of ?highlight=, through window.guidebookSearch); every page works
 * without it. No eval, no WebAssembly, no inline script or style, so
 * Content-Security-Policy: default-src 'self' holds.
 *
 * It ranks exactly as the server does (src/search/plan.rs, query.rs, snippet.rs):
 * the same analysis (words, folding, stop words, Snowball English stemming, ported
 * below from the Rust crate tantivy uses), the same query plan, and per-term scores
 * that tantivy's BM25 computed at build time (src/search/export.rs). Under Node it
 * exports its core (module.exports) so tests run the real file. */
(function (factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    // guidebook.js analyses ?highlight= words with it, as the search does.
    window.guidebookSearch = api;
    api.start(document, window);
  }
})(function () {
  "use strict";

  var FORMAT = 3;
  var MAX_LIMIT = 50; // MAX_LIMIT in src/search/query.rs
  var PAGE_SIZE = 20; // PAGE_SIZE in src/search/html.rs
  var LEAD = 30;
  var KIND_LABELS = {
    home: "Home", section: "Section", guidance: "Guidance", legislation: "Legislation",
    "case-study": "Case study", checklist: "Checklist", training: "Training",
    support: "Support", contact: "Contact", decision: "Triage"
  };
  // Folding tables: the same as src/search/analyze.rs.
  var FOLD_PAIRS = "àaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûuüuýyÿyāaăaąaćcĉcċcčcďdēeĕeėeęeěeĝgğgġgģgĥhĩiīiĭiįiĵjķkĺlļlľlńnņnňnōoŏoőoŕrŗrřrśsŝsşsšsţtťtũuūuŭuůuűuųuŵwŷyźzżzžzơoưuǎaǐiǒoǔuǖuǘuǚuǜuǟaǡaǧgǩkǫoǭoǰjǵgǹnǻaȁaȃaȅeȇeȉiȋiȍoȏoȑrȓrȕuȗușsțtȟhȧaȩeȫoȭoȯoȱoȳy";
  var FOLD_OTHER = {"ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ł": "l", "ŀ": "l", "ŧ": "t", "ĳ": "ij", "ſ": "s"};
  var FOLD = new Map();
  (function () {
    var cps = Array.from(FOLD_PAIRS);
    for (var i = 0; i + 1 < cps.length; i += 2) if (!FOLD.has(cps[i])) FOLD.set(cps[i], cps[i + 1]);
    Object.keys(FOLD_OTHER).forEach(function (k) { if (!FOLD.has(k)) FOLD.set(k, FOLD_OTHER[k]); });
  })();
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;

  function utf8(s) { return new TextEncoder().encode(s); }
  function fromUtf8(bytes) { return new TextDecoder().decode(Uint8Array.from(bytes)); }

  /* ---------- analysis (analyze.rs) ---------- */

  // Words of `text`: {start, end} in code points, and the word itself.
  function words(text) {
    var out = [], cps = Array.from(text), start = -1;
    for (var i = 0; i <= cps.length; i++) {
      var alnum = i < cps.length && ALNUM.test(cps[i]);
      if (alnum && start < 0) start = i;
      if (!alnum && start >= 0) {
        out.push({ start: start, end: i, text: cps.slice(start, i).join("") });
        start = -1;
      }
    }
    return out;
  }

  function normalize(word) {
    var out = "";
    Array.from(word).forEach(function (c) {
      Array.from(c.toLowerCase()).forEach(function (l) {
        out += l.charCodeAt(0) < 128 ? l : (FOLD.has(l) ? FOLD.get(l) : l);
      });
    });
    return out;
  }

  function Analyzer(stop, maxChars) {
    this.stop = new Set(stop);
    this.maxChars = maxChars;
    this.cache = new Map();
  }
  Analyzer.prototype.stem = function (surface) {
    var s = this.cache.get(surface);
    if (s === undefined) {
      s = derive(stem(surface));
      this.cache.set(surface, s);
    }
    return s;
  };
  // Kept words: {surface, stem, start, end (code points), position}.
  Analyzer.prototype.analyze = function (text) {
    var out = [], self = this;
    words(text).forEach(function (w, position) {
      var surface = normalize(w.text);
      if (!surface || Array.from(surface).length > self.maxChars || self.stop.has(surface)) return;
      out.push({ surface: surface, stem: self.stem(surface), start: w.start, end: w.end, position: position });
    });
    return out;
  };

  // Compare strings by code point, as Rust compares them.
  function cmp(a, b) {
    if (a === b) return 0;
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done) return y.done ? 0 : -1;
      if (y.done) return 1;
      var cx = x.value.codePointAt(0), cy = y.value.codePointAt(0);
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
  }
  function startsWith(s, p) { return s.slice(0, p.length) === p; }

  // Restricted Damerau-Levenshtein over code points, giving up past `max`.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var w = b.length + 1, rows = new Array((a.length + 1) * w), i, j;
    for (j = 0; j < w; j++) rows[j] = j;
    for (i = 1; i <= a.length; i++) {
      rows[i * w] = i;
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[(i - 1) * w + j] + 1, rows[i * w + j - 1] + 1, rows[(i - 1) * w + j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[(i - 2) * w + j - 2] + 1);
        rows[i * w + j] = d;
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
    }
    return rows[a.length * w + b.length];
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* ---------- Snowball English stemmer ----------
   * Translated line by line from frostem 1.20260821.8 (src/algorithms/english_stemmer.rs,
   * "Generated from english.sbl by Snowball 3.1.1"; Snowball is BSD-licensed), the
   * stemmer tantivy uses. It works on UTF-8 bytes as the Rust code does. Do not edit
   * by hand: tests/testsuite/search_fallback.rs compares it with the Rust stemmer. */
  // A port of frostem's SnowballEnv over UTF-8 bytes, so cursors match the Rust code.
  function Env(word) {
    this.b = Array.from(utf8(word));
    this.cursor = 0;
    this.limit = this.b.length;
    this.limit_backward = 0;
    this.bra = 0;
    this.ket = 0;
  }
  Env.prototype.boundary = function (i) {
    return i <= 0 || i >= this.b.length || (this.b[i] & 0xc0) !== 0x80;
  };
  Env.prototype.ch = function (i) {
    var b = this.b, c = b[i];
    if (c < 0x80) return c;
    if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
    if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
    return ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
  };
  Env.prototype.replace_s = function (bra, ket, s) {
    var add = Array.from(utf8(s));
    var adjustment = add.length - (ket - bra);
    this.b = this.b.slice(0, bra).concat(add, this.b.slice(ket));
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
    return adjustment;
  };
  Env.prototype.eq_s = function (s) {
    if (this.cursor >= this.limit) return false;
    for (var k = 0; k < s.length; k++) if (this.b[this.cursor + k] !== s.charCodeAt(k)) return false;
    this.cursor += s.length;
    while (!this.boundary(this.cursor)) this.cursor++;
    return true;
  };
  Env.prototype.eq_s_b = function (s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    var start = this.cursor - s.length;
    if (!this.boundary(start)) return false;
    for (var k = 0; k < s.length; k++) if (this.b[start + k] !== s.charCodeAt(k)) return false;
    this.cursor = start;
    return true;
  };
  Env.prototype.slice_from = function (s) {
    this.replace_s(this.bra, this.ket, s);
    this.ket = this.bra + s.length;
  };
  Env.prototype.slice_del = function () { this.slice_from(""); };
  Env.prototype.next_char = function () {
    this.cursor++;
    while (!this.boundary(this.cursor)) this.cursor++;
  };
  Env.prototype.previous_char = function () {
    this.cursor--;
    while (!this.boundary(this.cursor)) this.cursor--;
  };
  Env.prototype.hop = function (delta) {
    var res = this.cursor;
    while (delta > 0) {
      delta--;
      if (res >= this.limit) return false;
      res++;
      while (res < this.limit && !this.boundary(res)) res++;
    }
    this.cursor = res;
    return true;
  };
  Env.prototype.hop_back = function (delta) {
    var res = this.cursor;
    while (delta > 0) {
      delta--;
      if (res <= this.limit_backward) return false;
      res--;
      while (res > this.limit_backward && !this.boundary(res)) res--;
    }
    this.cursor = res;
    return true;
  };
  function inSet(g, min, max, c) {
    if (c > max || c < min) return false;
    c -= min;
    return (g[c >> 3] & (1 << (c & 7))) !== 0;
  }
  Env.prototype.in_grouping = function (g, min, max) {
    if (this.cursor >= this.limit) return false;
    if (!inSet(g, min, max, this.ch(this.cursor))) return false;
    this.next_char();
    return true;
  };
  Env.prototype.go_in_grouping = function (g, min, max) {
    while (this.cursor < this.limit) {
      if (!inSet(g, min, max, this.ch(this.cursor))) return true;
      this.next_char();
    }
    return false;
  };
  Env.prototype.in_grouping_b = function (g, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    var c = this.cursor;
    this.previous_char();
    if (!inSet(g, min, max, this.ch(this.cursor))) { this.cursor = c; return false; }
    return true;
  };
  Env.prototype.out_grouping = function (g, min, max) {
    if (this.cursor >= this.limit) return false;
    if (inSet(g, min, max, this.ch(this.cursor))) return false;
    this.next_char();
    return true;
  };
  Env.prototype.go_out_grouping = function (g, min, max) {
    while (this.cursor < this.limit) {
      if (inSet(g, min, max, this.ch(this.cursor))) return true;
      this.next_char();
    }
    return false;
  };
  Env.prototype.out_grouping_b = function (g, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    var c = this.cursor;
    this.previous_char();
    if (!inSet(g, min, max, this.ch(this.cursor))) return true;
    this.cursor = c;
    return false;
  };
  Env.prototype.go_out_grouping_b = function (g, min, max) {
    while (this.cursor > this.limit_backward) {
      var c = this.cursor;
      this.previous_char();
      if (inSet(g, min, max, this.ch(this.cursor))) { this.cursor = c; return true; }
    }
    return false;
  };
  Env.prototype.find_among = function (v) {
    var i = 0, j = v.length, c = this.cursor, l = this.limit;
    var common_i = 0, common_j = 0, first_key_inspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0;
      var common = common_i < common_j ? common_i : common_j;
      var w = v[k][0];
      for (var lvar = common; lvar < w.length; lvar++) {
        if (c + common === l) { diff = -1; break; }
        diff = this.b[c + common] - w.charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    for (;;) {
      var e = v[i];
      if (common_i >= e[0].length) { this.cursor = c + e[0].length; return e[2]; }
      i = e[1];
      if (i < 0) return 0;
    }
  };
  Env.prototype.find_among_b = function (v) {
    var i = 0, j = v.length, c = this.cursor, lb = this.limit_backward;
    var common_i = 0, common_j = 0, first_key_inspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0;
      var common = common_i < common_j ? common_i : common_j;
      var w = v[k][0];
      for (var lvar = w.length - 1 - common; lvar >= 0; lvar--) {
        if (c - common === lb) { diff = -1; break; }
        diff = this.b[c - common - 1] - w.charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    for (;;) {
      var e = v[i];
      if (common_i >= e[0].length) { this.cursor = c - e[0].length; return e[2]; }
      i = e[1];
      if (i < 0) return 0;
    }
  };
  var A_0 = [["arsen",-1,-1],["commun",-1,-1],["emerg",-1,-1],["gener",-1,-1],["inter",-1,-1],["later",-1,-1],["organ",-1,-1],["past",-1,-1],["univers",-1,-1]];
  var A_1 = [["'",-1,1],["'s'",0,1],["'s",-1,1]];
  var A_2 = [["ied",-1,2],["s",-1,3],["ies",1,2],["sses",1,1],["ss",1,-1],["us",1,-1]];
  var A_3 = [["succ",-1,1],["proc",-1,1],["exc",-1,1]];
  var A_4 = [["even",-1,2],["cann",-1,2],["inn",-1,2],["earr",-1,2],["herr",-1,2],["out",-1,2],["y",-1,1]];
  var A_5 = [["",-1,-1],["ed",0,2],["eed",1,1],["ing",0,3],["edly",0,2],["eedly",4,1],["ingly",0,2]];
  var A_6 = [["",-1,3],["bb",0,2],["dd",0,2],["ff",0,2],["gg",0,2],["bl",0,1],["mm",0,2],["nn",0,2],["pp",0,2],["rr",0,2],["at",0,1],["tt",0,2],["iz",0,1]];
  var A_7 = [["anci",-1,3],["enci",-1,2],["ogi",-1,14],["li",-1,16],["bli",3,12],["abli",4,4],["alli",3,8],["fulli",3,9],["lessli",3,15],["ousli",3,10],["entli",3,5],["aliti",-1,8],["biliti",-1,12],["iviti",-1,11],["tional",-1,1],["ational",14,7],["alism",-1,8],["ation",-1,7],["ization",17,6],["izer",-1,6],["ator",-1,7],["iveness",-1,11],["fulness",-1,9],["ousness",-1,10],["ogist",-1,13]];
  var A_8 = [["icate",-1,4],["ative",-1,6],["alize",-1,3],["iciti",-1,4],["ical",-1,4],["tional",-1,1],["ational",5,2],["ful",-1,5],["ness",-1,5]];
  var A_9 = [["ic",-1,1],["ance",-1,1],["ence",-1,1],["able",-1,1],["ible",-1,1],["ate",-1,1],["ive",-1,1],["ize",-1,1],["iti",-1,1],["al",-1,1],["ism",-1,1],["ion",-1,2],["er",-1,1],["ous",-1,1],["ant",-1,1],["ent",-1,1],["ment",15,1],["ement",16,1]];
  var A_10 = [["e",-1,1],["l",-1,2]];
  var A_11 = [["andes",-1,-1],["atlas",-1,-1],["bias",-1,-1],["cosmos",-1,-1],["early",-1,6],["gently",-1,4],["howe",-1,-1],["idly",-1,3],["news",-1,-1],["only",-1,7],["singly",-1,8],["skies",-1,2],["skis",-1,1],["sky",-1,-1],["ugly",-1,5]];
  var G_aeo = [17, 64];
  var G_v = [17, 65, 16, 1];
  var G_v_WXY = [1, 17, 65, 208, 1];
  var G_valid_LI = [55, 141, 2];
  function r_shortv(env) {
      lab0: while (true) {
          var v_1 = env.limit - env.cursor;
          lab1: while (true) {
              if (!env.out_grouping_b(G_v_WXY, 89, 121)) {
                  break lab1;
              }
              if (!env.in_grouping_b(G_v, 97, 121)) {
                  break lab1;
              }
              if (!env.out_grouping_b(G_v, 97, 121)) {
                  break lab1;
              }
              break lab0;
          }
          env.cursor = env.limit - v_1;
          lab2: while (true) {
              if (!env.out_grouping_b(G_v, 97, 121)) {
                  break lab2;
              }
              if (!env.in_grouping_b(G_v, 97, 121)) {
                  break lab2;
              }
              if (env.cursor > env.limit_backward) {
                  break lab2;
              }
              break lab0;
          }
          env.cursor = env.limit - v_1;
          if (!env.eq_s_b("past")) {
              return false;
          }
          break lab0;
      }
      return true;
  }
  
  function stemEnv(env) {
      
      var among_var;
      var b_Y_found;
      var i_p2;
      var i_p1;
      lab0: while (true) {
          var v_1 = env.cursor;
          lab1: while (true) {
              env.bra = env.cursor;
              if (env.cursor + 2 >= env.limit || env.b[(env.cursor + 2)] >> 5 != 3 || ((42750482 >> (env.b[(env.cursor + 2)] & 0x1f)) & 1) == 0) {
                  break lab1;
              }
  
              among_var = env.find_among(A_11);
              if (among_var == 0) {
                  break lab1;
              }
              env.ket = env.cursor;
              if (env.cursor < env.limit) {
                  break lab1;
              }
              { var m1 = among_var;
                  if (m1 === 1) {
                      env.slice_from("ski");
                  }
                  if (m1 === 2) {
                      env.slice_from("sky");
                  }
                  if (m1 === 3) {
                      env.slice_from("idl");
                  }
                  if (m1 === 4) {
                      env.slice_from("gentl");
                  }
                  if (m1 === 5) {
                      env.slice_from("ugli");
                  }
                  if (m1 === 6) {
                      env.slice_from("earli");
                  }
                  if (m1 === 7) {
                      env.slice_from("onli");
                  }
                  if (m1 === 8) {
                      env.slice_from("singl");
                  }
              }
              break lab0;
          }
          env.cursor = v_1;
          lab2: while (true) {
              lab3: while (true) {
                  if (!env.hop(3)) {
                      break lab3;
                  }
                  break lab2;
              }
              break lab0;
          }
          env.cursor = v_1;
          lab4: while (true) {
              b_Y_found = false;
              var v_2 = env.cursor;
              lab5: while (true) {
                  env.bra = env.cursor;
                  if (!env.eq_s("'")) {
                      break lab5;
                  }
                  env.ket = env.cursor;
                  env.slice_del();
                  break lab5;
              }
              env.cursor = v_2;
              var v_3 = env.cursor;
              lab6: while (true) {
                  env.bra = env.cursor;
                  if (!env.eq_s("y")) {
                      break lab6;
                  }
                  env.ket = env.cursor;
                  env.slice_from("Y");
                  b_Y_found = true;
                  break lab6;
              }
              env.cursor = v_3;
              var v_4 = env.cursor;
              lab7: while (true) {
                  replab8: while (true) {
                      var v_5 = env.cursor;
                      lab9: for (var _lab9 = 0; _lab9 < 1; _lab9++) {
                          golab10: while (true) {
                              var v_6 = env.cursor;
                              lab11: while (true) {
                                  if (!env.in_grouping(G_v, 97, 121)) {
                                      break lab11;
                                  }
                                  env.bra = env.cursor;
                                  if (!env.eq_s("y")) {
                                      break lab11;
                                  }
                                  env.ket = env.cursor;
                                  env.cursor = v_6;
                                  break golab10;
                              }
                              env.cursor = v_6;
                              if (env.cursor >= env.limit) {
                                  break lab9;
                              }
                              env.next_char();
                          }
                          env.slice_from("Y");
                          b_Y_found = true;
                          continue replab8;
                      }
                      env.cursor = v_5;
                      break replab8;
                  }
                  break lab7;
              }
              env.cursor = v_4;
              break lab4;
          }
          lab12: while (true) {
              i_p1 = env.limit;
              i_p2 = env.limit;
              var v_7 = env.cursor;
              lab13: while (true) {
                  lab14: while (true) {
                      var v_8 = env.cursor;
                      lab15: while (true) {
                          if (env.cursor + 3 >= env.limit || env.b[(env.cursor + 3)] >> 5 != 3 || ((5513250 >> (env.b[(env.cursor + 3)] & 0x1f)) & 1) == 0) {
                              break lab15;
                          }
  
                          if (env.find_among(A_0) == 0) {
                              break lab15;
                          }
                          break lab14;
                      }
                      env.cursor = v_8;
                      if (!env.go_out_grouping(G_v, 97, 121)) {
                          break lab13;
                      }
                      env.next_char();
                      if (!env.go_in_grouping(G_v, 97, 121)) {
                          break lab13;
                      }
                      env.next_char();
                      break lab14;
                  }
                  i_p1 = env.cursor;
                  if (!env.go_out_grouping(G_v, 97, 121)) {
                      break lab13;
                  }
                  env.next_char();
                  if (!env.go_in_grouping(G_v, 97, 121)) {
                      break lab13;
                  }
                  env.next_char();
                  i_p2 = env.cursor;
                  break lab13;
              }
              env.cursor = v_7;
              break lab12;
          }
          env.limit_backward = env.cursor;
          env.cursor = env.limit;
          var v_9 = env.limit - env.cursor;
          lab16: while (true) {
              var v_10 = env.limit - env.cursor;
              lab17: while (true) {
                  env.ket = env.cursor;
                  if (env.cursor <= env.limit_backward || (env.b[(env.cursor - 1)] != 39 && env.b[(env.cursor - 1)] != 115)) {
                      env.cursor = env.limit - v_10;
                      break lab17;
                  }
  
                  if (env.find_among_b(A_1) == 0) {
                      env.cursor = env.limit - v_10;
                      break lab17;
                  }
                  env.bra = env.cursor;
                  env.slice_del();
                  break lab17;
              }
              env.ket = env.cursor;
              if (env.cursor <= env.limit_backward || (env.b[(env.cursor - 1)] != 100 && env.b[(env.cursor - 1)] != 115)) {
                  break lab16;
              }
  
              among_var = env.find_among_b(A_2);
              if (among_var == 0) {
                  break lab16;
              }
              env.bra = env.cursor;
              { var m2 = among_var;
                  if (m2 === 1) {
                      env.slice_from("ss");
                  }
                  if (m2 === 2) {
                      lab18: while (true) {
                          var v_11 = env.limit - env.cursor;
                          lab19: while (true) {
                              if (!env.hop_back(2)) {
                                  break lab19;
                              }
                              env.slice_from("i");
                              break lab18;
                          }
                          env.cursor = env.limit - v_11;
                          env.slice_from("ie");
                          break lab18;
                      }
                  }
                  if (m2 === 3) {
                      if (env.cursor <= env.limit_backward) {
                          break lab16;
                      }
                      env.previous_char();
                      if (!env.go_out_grouping_b(G_v, 97, 121)) {
                          break lab16;
                      }
                      env.previous_char();
                      env.slice_del();
                  }
              }
              break lab16;
          }
          env.cursor = env.limit - v_9;
          var v_12 = env.limit - env.cursor;
          lab20: while (true) {
              env.ket = env.cursor;
              if (env.cursor - 1 <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((33554576 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {among_var = -1;}
              else {
                  among_var = env.find_among_b(A_5);
              }
              env.bra = env.cursor;
              lab21: while (true) {
                  var v_13 = env.limit - env.cursor;
                  lab22: while (true) {
                      { var m3 = among_var;
                          if (m3 === 1) {
                              var v_14 = env.limit - env.cursor;
                              lab23: while (true) {
                                  if (i_p1 > env.cursor) {
                                      break lab23;
                                  }
                                  lab24: while (true) {
                                      var v_15 = env.limit - env.cursor;
                                      lab25: while (true) {
                                          if (env.cursor - 2 <= env.limit_backward || env.b[(env.cursor - 1)] != 99) {
                                              break lab25;
                                          }
  
                                          if (env.find_among_b(A_3) == 0) {
                                              break lab25;
                                          }
                                          if (env.cursor > env.limit_backward) {
                                              break lab25;
                                          }
                                          break lab24;
                                      }
                                      env.cursor = env.limit - v_15;
                                      env.slice_from("ee");
                                      break lab24;
                                  }
                                  break lab23;
                              }
                              env.cursor = env.limit - v_14;
                          }
                          if (m3 === 2) {
                              break lab22;
                          }
                          if (m3 === 3) {
                              if (env.cursor <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((34881536 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {
                                  break lab22;
                              }
  
                              among_var = env.find_among_b(A_4);
                              if (among_var == 0) {
                                  break lab22;
                              }
                              { var m4 = among_var;
                                  if (m4 === 1) {
                                      var v_16 = env.limit - env.cursor;
                                      if (!env.out_grouping_b(G_v, 97, 121)) {
                                          break lab22;
                                      }
                                      if (env.cursor > env.limit_backward) {
                                          break lab22;
                                      }
                                      env.cursor = env.limit - v_16;
                                      env.bra = env.cursor;
                                      env.slice_from("ie");
                                  }
                                  if (m4 === 2) {
                                      if (env.cursor > env.limit_backward) {
                                          break lab22;
                                      }
                                  }
                              }
                          }
                      }
                      break lab21;
                  }
                  env.cursor = env.limit - v_13;
                  var v_17 = env.limit - env.cursor;
                  if (!env.go_out_grouping_b(G_v, 97, 121)) {
                      break lab20;
                  }
                  env.previous_char();
                  env.cursor = env.limit - v_17;
                  env.slice_del();
                  env.ket = env.cursor;
                  env.bra = env.cursor;
                  var v_18 = env.limit - env.cursor;
                  if (env.cursor - 1 <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((68514004 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {among_var = 3;}
                  else {
                      among_var = env.find_among_b(A_6);
                  }
                  { var m5 = among_var;
                      if (m5 === 1) {
                          env.slice_from("e");
                          break lab20;
                      }
                      if (m5 === 2) {
                          var v_19 = env.limit - env.cursor;
                          lab26: while (true) {
                              if (!env.in_grouping_b(G_aeo, 97, 111)) {
                                  break lab26;
                              }
                              if (env.cursor > env.limit_backward) {
                                  break lab26;
                              }
                              break lab20;
                          }
                          env.cursor = env.limit - v_19;
                      }
                      if (m5 === 3) {
                          if (env.cursor != i_p1) {
                              break lab20;
                          }
                          var v_20 = env.limit - env.cursor;
                          if (!r_shortv(env)) {
                              break lab20;
                          }
                          env.cursor = env.limit - v_20;
                          env.slice_from("e");
                          break lab20;
                      }
                  }
                  env.cursor = env.limit - v_18;
                  env.ket = env.cursor;
                  if (env.cursor <= env.limit_backward) {
                      break lab20;
                  }
                  env.previous_char();
                  env.bra = env.cursor;
                  env.slice_del();
                  break lab21;
              }
              break lab20;
          }
          env.cursor = env.limit - v_12;
          var v_21 = env.limit - env.cursor;
          lab27: while (true) {
              env.ket = env.cursor;
              lab28: while (true) {
                  lab29: while (true) {
                      if (!env.eq_s_b("y")) {
                          break lab29;
                      }
                      break lab28;
                  }
                  if (!env.eq_s_b("Y")) {
                      break lab27;
                  }
                  break lab28;
              }
              env.bra = env.cursor;
              if (!env.out_grouping_b(G_v, 97, 121)) {
                  break lab27;
              }
              if (env.cursor <= env.limit_backward) {
                  break lab27;
              }
              env.slice_from("i");
              break lab27;
          }
          env.cursor = env.limit - v_21;
          var v_22 = env.limit - env.cursor;
          lab30: while (true) {
              env.ket = env.cursor;
              if (env.cursor - 1 <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((1864192 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {
                  break lab30;
              }
  
              among_var = env.find_among_b(A_7);
              if (among_var == 0) {
                  break lab30;
              }
              env.bra = env.cursor;
              if (i_p1 > env.cursor) {
                  break lab30;
              }
              { var m6 = among_var;
                  if (m6 === 1) {
                      env.slice_from("tion");
                  }
                  if (m6 === 2) {
                      env.slice_from("ence");
                  }
                  if (m6 === 3) {
                      env.slice_from("ance");
                  }
                  if (m6 === 4) {
                      env.slice_from("able");
                  }
                  if (m6 === 5) {
                      env.slice_from("ent");
                  }
                  if (m6 === 6) {
                      env.slice_from("ize");
                  }
                  if (m6 === 7) {
                      env.slice_from("ate");
                  }
                  if (m6 === 8) {
                      env.slice_from("al");
                  }
                  if (m6 === 9) {
                      env.slice_from("ful");
                  }
                  if (m6 === 10) {
                      env.slice_from("ous");
                  }
                  if (m6 === 11) {
                      env.slice_from("ive");
                  }
                  if (m6 === 12) {
                      env.slice_from("ble");
                  }
                  if (m6 === 13) {
                      env.slice_from("og");
                  }
                  if (m6 === 14) {
                      if (!env.eq_s_b("l")) {
                          break lab30;
                      }
                      env.slice_from("og");
                  }
                  if (m6 === 15) {
                      env.slice_from("less");
                  }
                  if (m6 === 16) {
                      if (!env.in_grouping_b(G_valid_LI, 99, 116)) {
                          break lab30;
                      }
                      env.slice_del();
                  }
              }
              break lab30;
          }
          env.cursor = env.limit - v_22;
          var v_23 = env.limit - env.cursor;
          lab31: while (true) {
              env.ket = env.cursor;
              if (env.cursor - 2 <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((528928 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {
                  break lab31;
              }
  
              among_var = env.find_among_b(A_8);
              if (among_var == 0) {
                  break lab31;
              }
              env.bra = env.cursor;
              if (i_p1 > env.cursor) {
                  break lab31;
              }
              { var m7 = among_var;
                  if (m7 === 1) {
                      env.slice_from("tion");
                  }
                  if (m7 === 2) {
                      env.slice_from("ate");
                  }
                  if (m7 === 3) {
                      env.slice_from("al");
                  }
                  if (m7 === 4) {
                      env.slice_from("ic");
                  }
                  if (m7 === 5) {
                      env.slice_del();
                  }
                  if (m7 === 6) {
                      if (i_p2 > env.cursor) {
                          break lab31;
                      }
                      env.slice_del();
                  }
              }
              break lab31;
          }
          env.cursor = env.limit - v_23;
          var v_24 = env.limit - env.cursor;
          lab32: while (true) {
              env.ket = env.cursor;
              if (env.cursor - 1 <= env.limit_backward || env.b[(env.cursor - 1)] >> 5 != 3 || ((1864232 >> (env.b[(env.cursor - 1)] & 0x1f)) & 1) == 0) {
                  break lab32;
              }
  
              among_var = env.find_among_b(A_9);
              if (among_var == 0) {
                  break lab32;
              }
              env.bra = env.cursor;
              if (i_p2 > env.cursor) {
                  break lab32;
              }
              { var m8 = among_var;
                  if (m8 === 1) {
                      env.slice_del();
                  }
                  if (m8 === 2) {
                      lab33: while (true) {
                          lab34: while (true) {
                              if (!env.eq_s_b("s")) {
                                  break lab34;
                              }
                              break lab33;
                          }
                          if (!env.eq_s_b("t")) {
                              break lab32;
                          }
                          break lab33;
                      }
                      env.slice_del();
                  }
              }
              break lab32;
          }
          env.cursor = env.limit - v_24;
          var v_25 = env.limit - env.cursor;
          lab35: while (true) {
              env.ket = env.cursor;
              if (env.cursor <= env.limit_backward || (env.b[(env.cursor - 1)] != 101 && env.b[(env.cursor - 1)] != 108)) {
                  break lab35;
              }
  
              among_var = env.find_among_b(A_10);
              if (among_var == 0) {
                  break lab35;
              }
              env.bra = env.cursor;
              { var m9 = among_var;
                  if (m9 === 1) {
                      lab36: while (true) {
                          lab37: while (true) {
                              if (i_p2 > env.cursor) {
                                  break lab37;
                              }
                              break lab36;
                          }
                          if (i_p1 > env.cursor) {
                              break lab35;
                          }
                          var v_26 = env.limit - env.cursor;
                          lab38: while (true) {
                              if (!r_shortv(env)) {
                                  break lab38;
                              }
                              break lab35;
                          }
                          env.cursor = env.limit - v_26;
                          break lab36;
                      }
                      env.slice_del();
                  }
                  if (m9 === 2) {
                      if (i_p2 > env.cursor) {
                          break lab35;
                      }
                      if (!env.eq_s_b("l")) {
                          break lab35;
                      }
                      env.slice_del();
                  }
              }
              break lab35;
          }
          env.cursor = env.limit - v_25;
          env.cursor = env.limit_backward;
          var v_27 = env.cursor;
          lab39: while (true) {
              if (!b_Y_found) {
                  break lab39;
              }
              replab40: while (true) {
                  var v_28 = env.cursor;
                  lab41: for (var _lab41 = 0; _lab41 < 1; _lab41++) {
                      golab42: while (true) {
                          var v_29 = env.cursor;
                          lab43: while (true) {
                              env.bra = env.cursor;
                              if (!env.eq_s("Y")) {
                                  break lab43;
                              }
                              env.ket = env.cursor;
                              env.cursor = v_29;
                              break golab42;
                          }
                          env.cursor = v_29;
                          if (env.cursor >= env.limit) {
                              break lab41;
                          }
                          env.next_char();
                      }
                      env.slice_from("y");
                      continue replab40;
                  }
                  env.cursor = v_28;
                  break replab40;
              }
              break lab39;
          }
          env.cursor = v_27;
          break lab0;
      }
      return true;
  }
  

  function stem(word) {
    var env = new Env(word);
    stemEnv(env);
    return fromUtf8(env.b);
  }

  /* Derivational endings rewritten after stemming: the same table and rule as
   * DERIVE_RULES in src/search/analyze.rs (first match, at least 3 letters left). */
  var DERIVE_RULES = [["uisit", "uir"], ["lic", "li"], ["ifi", "if"],
    ["tor", "t"], ["sor", "s"], ["enc", "ens"], ["iz", "is"]];
  var DERIVE_MIN_LEFT = 3;
  function deriveOnce(s) {
    for (var i = 0; i < DERIVE_RULES.length; i++) {
      var end = DERIVE_RULES[i][0];
      if (s.length >= end.length && s.slice(s.length - end.length) === end) {
        var left = s.slice(0, s.length - end.length);
        if (Array.from(left).length >= DERIVE_MIN_LEFT) return left + DERIVE_RULES[i][1];
      }
    }
    return null;
  }
  // Again on what a rule left, until none applies (as in analyze.rs).
  function derive(s) {
    for (var next = deriveOnce(s); next !== null; next = deriveOnce(s)) s = next;
    return s;
  }

  /* ---------- the static export (shards.rs) ---------- */

  // `fetchJson(path)` resolves to parsed JSON of a file under the export folder
  // (`meta.json`, and shards and records stored gzip-compressed as `*.json.gz`).
  function Engine(fetchJson) {
    this.fetchJson = fetchJson;
    this.shards = new Map();
    this.meta = null;
  }
  Engine.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.fetchJson("meta.json").then(function (meta) {
        if (!meta || meta.format !== FORMAT) throw new Error("search index format " + (meta && meta.format));
        self.meta = meta;
        self.params = meta.params;
        self.analyzer = new Analyzer(meta.stop, meta.params.max_word_chars);
        self.intent = new Set(meta.intent);
        self.kindOf = new Uint16Array(meta.docs);
        var at = 0;
        meta.kind_runs.forEach(function (run) { for (var k = 0; k < run[1]; k++) self.kindOf[at++] = run[0]; });
        self.synonyms = analyseSynonyms(meta.synonyms, self.analyzer);
        return self;
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };
  Engine.prototype.file = function (name, asMap) {
    var self = this;
    if (!this.shards.has(name)) {
      var p = this.fetchJson(name + "?v=" + this.meta.version).then(function (json) {
        return asMap ? new Map(Object.entries(json)) : json;
      });
      p.catch(function () { self.shards.delete(name); });
      this.shards.set(name, p);
    }
    return this.shards.get(name);
  };
  // Whole numbers from the text written by varints() in src/search/shards.rs.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Map(Array.from(DIGITS, function (c, i) { return [c, i]; }));
  function varints(text) {
    var out = [], n = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT.get(text[i]) || 0;
      n += (d & 31) * Math.pow(2, shift);
      if (d & 32) {
        shift += 5;
      } else {
        out.push(n);
        n = 0;
        shift = 0;
      }
    }
    return out;
  }
  // Index of the shard whose range holds `key`, or -1.
  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(firsts[mid], key) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  }
  // {ords, s, ans: Map} for a term, or null.
  Engine.prototype.term = function (stem) {
    var i = shardOf(this.meta.terms, stem), self = this;
    if (i < 0) return Promise.resolve(null);
    this.decoded = this.decoded || new Map();
    if (this.decoded.has(stem)) return Promise.resolve(this.decoded.get(stem));
    return this.file("t/" + i + ".json.gz", true).then(function (shard) {
      var e = shard.get(stem), t = null;
      if (e) {
        t = { ords: [], s: [], ans: new Map() };
        var scores = e[0].map(Math.fround), pairs = varints(e[1]), ord = 0, k;
        for (k = 0; k + 1 < pairs.length; k += 2) {
          ord += pairs[k];
          t.ords.push(ord);
          t.s.push(scores[pairs[k + 1]]);
        }
        var ans = e[2] || [];
        for (k = 0; k + 1 < ans.length; k += 2) t.ans.set(ans[k], Math.fround(ans[k + 1]));
      }
      self.decoded.set(stem, t);
      return t;
    });
  };
  // Map page → positions of a term in the phrase field.
  Engine.prototype.positions = function (stem) {
    var i = shardOf(this.meta.terms, stem);
    if (i < 0) return Promise.resolve(new Map());
    return this.file("p/" + i + ".json.gz", true).then(function (shard) {
      var e = varints(shard.get(stem) || ""), out = new Map(), k = 0, ord = 0;
      while (k < e.length) {
        ord += e[k];
        var n = e[k + 1], pos = [], p = 0;
        for (var j = 0; j < n; j++) { p += e[k + 2 + j]; pos.push(p); }
        out.set(ord, new Set(pos));
        k += 2 + n;
      }
      return out;
    });
  };
  // Lexicon entries [word, stem, df] whose word starts with `prefix`, in word order.
  Engine.prototype.startingWith = function (prefix) {
    var firsts = this.meta.words, i = Math.max(0, shardOf(firsts, prefix)), names = [];
    for (var j = i; j < firsts.length && (j === i || startsWith(firsts[j], prefix)); j++) names.push("w/" + j + ".json.gz");
    var self = this;
    return Promise.all(names.map(function (n) { return self.file(n, false); })).then(function (shards) {
      var out = [];
      shards.forEach(function (shard) {
        shard.forEach(function (e) {
          if (startsWith(e[0], prefix)) out.push([e[0], e[1] || e[0], e[2]]);
        });
      });
      return out;
    });
  };

  /* ---------- the query plan (plan.rs) ---------- */

  function relative(tokens) {
    var first = tokens.length ? tokens[0].position : 0;
    return tokens.map(function (t) { return [t.position - first, t.stem]; });
  }
  function analyseSynonyms(entries, a) {
    return entries.map(function (texts) {
      return texts.map(function (t) { return relative(a.analyze(t)); }).filter(function (s) { return s.length > 0; });
    }).filter(function (e) { return e.length > 1; });
  }
  function units(q, a) {
    var out = [];
    q.split('"').forEach(function (part, i) {
      var quoted = i % 2 === 1, toks = a.analyze(part);
      if (quoted && toks.length > 1) out.push({ phrase: relative(toks) });
      else toks.forEach(function (t) {
        out.push({ token: t, quoted: quoted, acronym: isAcronym(Array.from(part).slice(t.start, t.end)) });
      });
    });
    return out;
  }
  // Two to five capital letters (plan.rs is_acronym): never fuzzed.
  function isAcronym(cps) {
    return cps.length >= 2 && cps.length <= 5 && cps.every(function (c) { return /^\p{Uppercase}$/u.test(c); });
  }
  function matchUnits(us, text) {
    var u0 = us[0];
    if (u0 && u0.phrase) {
      var same = u0.phrase.length === text.length && u0.phrase.every(function (t, i) { return t[1] === text[i][1]; });
      return same ? 1 : 0;
    }
    if (us.length < text.length) return 0;
    for (var i = 0; i < text.length; i++) if (us[i].phrase || us[i].token.stem !== text[i][1]) return 0;
    return text.length;
  }
  function synonymGroup(us, syn, p) {
    var best = null;
    syn.forEach(function (entry, e) {
      entry.forEach(function (text, t) {
        var used = matchUnits(us, text);
        if (used > 0 && (!best || used > best[0])) best = [used, e, t];
      });
    });
    if (!best) return null;
    var typed = us[0].phrase ? us[0].phrase : relative(us.slice(0, best[0]).map(function (u) { return u.token; }));
    var alts = syn[best[1]].map(function (text, i) {
      var terms = i === best[2] ? typed : text, weight = i === best[2] ? 1 : p.synonym_weight;
      return terms.length === 1 ? { terms: [[terms[0][1], weight]] } : { phrase: terms, weight: weight };
    });
    return [best[0], { alts: alts, word: null, intent: false }];
  }
  function prefixTerms(entries, surface, stem, p) {
    if (entries.some(function (e) { return e[0] === surface; })) return [];
    var list = entries.filter(function (e) { return e[1] !== stem; }).map(function (e) { return [e[2], e[1]]; });
    list.sort(function (a, b) { return b[0] - a[0] || cmp(a[1], b[1]); });
    var out = [];
    list.forEach(function (e) {
      var last = out[out.length - 1];
      if (!last || last[1] !== e[1]) out.push(e);
    });
    return out.slice(0, p.prefix_max).map(function (e) { return [e[1], p.prefix_weight]; });
  }
  function typoTerms(word, entries, p) {
    var chars = Array.from(word), max = chars.length >= p.typo_min2 ? 2 : chars.length >= p.typo_min1 ? 1 : 0;
    if (!max) return [];
    var found = new Map(), df = new Map();
    entries.forEach(function (e) {
      var d = editDistance(chars, Array.from(e[0]), max);
      df.set(e[1], e[2]);
      if (d >= 1 && d <= max) found.set(e[1], Math.min(found.has(e[1]) ? found.get(e[1]) : d, d));
    });
    var list = Array.from(found, function (x) { return [x[1], df.get(x[0]), x[0]]; });
    list.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || cmp(a[2], b[2]); });
    return list.slice(0, p.typo_max).map(function (x) { return [x[2], x[0] === 1 ? p.typo_weight1 : p.typo_weight2]; });
  }
  // The plan of `q`: {groups: [{alts: [{terms: [[stem, w]]} | {phrase: [[off, stem]], weight}], word, intent}]}.
  Engine.prototype.plan = function (q) {
    var self = this, p = this.params, a = this.analyzer;
    var us = units(q, a).slice(0, p.max_groups);
    var lastCp = Array.from(q).pop();
    var prefixLast = lastCp !== undefined && ALNUM.test(lastCp);
    var groups = [], pending = [];
    for (var i = 0; i < us.length;) {
      var sg = synonymGroup(us.slice(i), this.synonyms, p);
      if (sg) { groups.push(sg[1]); i += sg[0]; continue; }
      var u = us[i];
      if (u.phrase) {
        groups.push({ alts: [{ phrase: u.phrase, weight: 1 }], word: null, intent: false });
      } else {
        var g = { alts: [{ terms: [[u.token.stem, 1]] }], word: u.quoted || u.acronym ? null : u.token.surface, intent: this.intent.has(u.token.stem) };
        groups.push(g);
        if (i + 1 === us.length && prefixLast && !u.quoted && Array.from(u.token.surface).length >= p.prefix_min) {
          var surface = u.token.surface;
          pending.push(this.startingWith(surface).then(function (entries) {
            var terms = g.alts[0].terms;
            prefixTerms(entries, surface, terms[0][0], p).forEach(function (t) { terms.push(t); });
          }));
        }
      }
      i++;
    }
    return Promise.all(pending).then(function () { return { groups: groups }; });
  };
  Engine.prototype.addTypos = function (plan) {
    var p = this.params, self = this;
    return Promise.all(plan.groups.map(function (g) {
      if (!g.word || !g.alts[0].terms || Array.from(g.word).length < p.typo_min1) return null;
      var first = Array.from(g.word)[0];
      return self.startingWith(first).then(function (entries) {
        var terms = g.alts[0].terms;
        typoTerms(g.word, entries, p).forEach(function (t) {
          if (!terms.some(function (x) { return x[0] === t[0]; })) terms.push(t);
        });
      });
    }));
  };
  function planStems(plan) {
    var out = new Set();
    plan.groups.forEach(function (g) {
      g.alts.forEach(function (alt) {
        (alt.terms || alt.phrase).forEach(function (t) { out.add(alt.terms ? t[0] : t[1]); });
      });
    });
    return out;
  }

  /* ---------- matching and ranking (query.rs) ---------- */

  // Load every term (and, for phrases, positions) the plan needs.
  Engine.prototype.fetchPlan = function (plan) {
    var self = this, stems = planStems(plan), phraseStems = new Set();
    plan.groups.forEach(function (g) {
      g.alts.forEach(function (alt) { if (alt.phrase) alt.phrase.forEach(function (t) { phraseStems.add(t[1]); }); });
    });
    var terms = new Map(), pos = new Map();
    var jobs = Array.from(stems, function (s) { return self.term(s).then(function (t) { terms.set(s, t); }); });
    phraseStems.forEach(function (s) { jobs.push(self.positions(s).then(function (m) { pos.set(s, m); })); });
    return Promise.all(jobs).then(function () { return { terms: terms, pos: pos }; });
  };
  // Map page → score of one term, over all fields or (answer) the contact fields.
  function termScores(data, stem, answer) {
    var t = data.terms.get(stem), out = new Map();
    if (!t) return out;
    if (answer) return t.ans;
    for (var i = 0; i < t.ords.length; i++) out.set(t.ords[i], t.s[i]);
    return out;
  }
  function addInto(acc, ord, s) { acc.set(ord, (acc.has(ord) ? acc.get(ord) : 0) + s); }
  function phraseAt(data, alt, ord) {
    var sets = alt.phrase.map(function (t) { return data.pos.get(t[1]).get(ord); });
    if (sets.some(function (s) { return !s; })) return false;
    var off0 = alt.phrase[0][0];
    for (var p of sets[0]) {
      var base = p - off0, ok = true;
      for (var i = 1; i < sets.length && ok; i++) ok = sets[i].has(base + alt.phrase[i][0]);
      if (ok) return true;
    }
    return false;
  }
  function altScores(data, alt, answer) {
    var out = new Map();
    if (alt.terms) {
      alt.terms.forEach(function (t) {
        termScores(data, t[0], answer).forEach(function (s, ord) { addInto(out, ord, t[1] * s); });
      });
      return out;
    }
    var maps = alt.phrase.map(function (t) { return termScores(data, t[1], answer); });
    maps[0].forEach(function (_, ord) {
      if (!maps.every(function (m) { return m.has(ord); })) return;
      if (alt.phrase.length > 1 && !phraseAt(data, alt, ord)) return;
      var s = 0;
      maps.forEach(function (m) { s += alt.weight * m.get(ord); });
      out.set(ord, s);
    });
    return out;
  }
  function groupScores(data, g, answer) {
    var out = new Map();
    g.alts.forEach(function (alt) {
      altScores(data, alt, answer).forEach(function (s, ord) { addInto(out, ord, s); });
    });
    return out;
  }
  // [[score, page]] of the pages matching the required groups (or, when `required`
  // is null, any group), best first. Groups not required only add to the score.
  function rank(maps, required, keep) {
    var acc = new Map();
    if (required) {
      var must = maps.filter(function (m, i) { return required[i]; });
      var smallest = must.slice().sort(function (a, b) { return a.size - b.size; })[0] || new Map();
      smallest.forEach(function (_, ord) {
        if (!must.every(function (m) { return m.has(ord); })) return;
        var s = 0;
        maps.forEach(function (m) { if (m.has(ord)) s += m.get(ord); });
        acc.set(ord, s);
      });
    } else {
      maps.forEach(function (m) { m.forEach(function (s, ord) { addInto(acc, ord, s); }); });
    }
    var out = [];
    acc.forEach(function (s, ord) { if (keep(ord)) out.push([s, ord]); });
    out.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return out;
  }
  Engine.prototype.run = function (plan, all, kind) {
    var self = this, k = kind === undefined || kind === null ? -1 : this.meta.kinds.indexOf(kind);
    return this.fetchPlan(plan).then(function (data) {
      var maps = plan.groups.map(function (g) { return groupScores(data, g, false); });
      var subject = plan.groups.some(function (g) { return !g.intent; });
      var required = all ? plan.groups.map(function (g) { return !(g.intent && subject); }) : null;
      return rank(maps, required, function (ord) { return k < 0 || self.kindOf[ord] === k; });
    });
  };
  Engine.prototype.answer = function (plan) {
    var self = this, subject = plan.groups.filter(function (g) { return !g.intent; });
    if (!subject.length) return Promise.resolve(null);
    var contact = this.meta.kinds.indexOf("contact");
    return this.fetchPlan(plan).then(function (data) {
      var maps = subject.map(function (g) { return groupScores(data, g, true); });
      var required = maps.map(function () { return true; });
      return rank(maps, required, function (ord) { return self.kindOf[ord] === contact; })[0] || null;
    });
  };
  // Search the export: the same results as the server's Searcher::search.
  Engine.prototype.search = function (req) {
    var self = this;
    return this.load().then(function () {
      var p = self.params, q = Array.from(req.q || "").slice(0, p.max_query_chars).join("");
      var limit = !req.limit ? 10 : Math.min(req.limit, MAX_LIMIT), kind = req.kind || null;
      var offset = req.offset || 0;
      var out = { query: req.q || "", total: 0, kind: kind, offset: offset, limit: limit, hits: [] }, ranked, plan;
      return self.plan(q).then(function (pl) {
        plan = pl;
        if (!plan.groups.length || (kind && self.meta.kinds.indexOf(kind) < 0)) return null;
        return self.run(plan, true, kind).then(function (r) {
          ranked = r;
          if (ranked.length || !plan.groups.some(function (g) { return g.word; })) return null;
          return self.addTypos(plan).then(function () { return self.run(plan, true, kind); }).then(function (r2) { ranked = r2; });
        }).then(function () {
          if (ranked.length || plan.groups.length < 2) return null;
          return self.run(plan, false, kind).then(function (r3) { ranked = r3; });
        }).then(function () {
          var wantAnswer = ranked.length > 0 && (!kind || kind === "contact");
          return wantAnswer ? self.answer(plan) : null;
        }).then(function (answer) {
          // `limit` counts pages: the answering contact card is shown besides them,
          // on the first results page only, and is not counted in `total`.
          var pages = answer ? ranked.filter(function (r) { return r[1] !== answer[1]; }) : ranked;
          out.total = pages.length;
          var picks = answer && offset === 0 ? [{ score: answer[0], ord: answer[1], answer: true }] : [];
          pages.slice(offset, offset + limit).forEach(function (r) {
            picks.push({ score: r[0], ord: r[1], answer: false });
          });
          var stems = planStems(plan);
          return Promise.all(picks.map(function (pk) {
            return self.file("d/" + pk.ord + ".json.gz", false).then(function (r) {
              return {
                title: r.t, url: r.u, kind: r.k, breadcrumb: r.b,
                snippet: snippet(r.x, r.s, stems, self.analyzer, p.snippet_chars),
                score: pk.score, contact: pk.answer ? (r.c || null) : null
              };
            });
          }));
        });
      }).then(function (hits) {
        if (hits) out.hits = hits;
        return out;
      });
    });
  };

  /* ---------- snippets (snippet.rs) ---------- */

  function isWs(c) { return /\s/.test(c) && c !== "\ufeff"; }
  function matchesIn(text, stems, a) {
    return a.analyze(text).filter(function (t) { return stems.has(t.stem); });
  }
  function distinctCount(ms) {
    return new Set(ms.map(function (m) { return m.stem; })).size;
  }
  function bestWindow(chars, ms, width) {
    var best = null;
    ms.forEach(function (m) {
      var start = Math.max(0, Math.min(m.start - LEAD, chars.length - width)), end = Math.min(start + width, chars.length);
      var inside = ms.filter(function (x) { return x.start >= start && x.end <= end; });
      var d = distinctCount(inside), c = inside.length;
      if (!best || d > best[2] || (d === best[2] && c > best[3])) best = [start, end, d, c];
    });
    if (!best) return null;
    var s = best[0], e = best[1];
    var firstM = ms.filter(function (m) { return m.start >= s; })[0];
    var first = firstM ? firstM.start : s;
    var before = ms.filter(function (m) { return m.end <= e; });
    var last = Math.max(before.length ? before[before.length - 1].end : e, first);
    return [snapStart(chars, s, first), snapEnd(chars, e, last), best[2]];
  }
  function snapStart(chars, start, limit) {
    while (start > 0 && start < limit && !isWs(chars[start - 1])) start++;
    return start;
  }
  function snapEnd(chars, end, limit) {
    while (end < chars.length && end > limit && !isWs(chars[end])) end--;
    return end;
  }
  function renderSnippet(chars, ms, start, end) {
    var out = start > 0 ? "…" : "", at = start;
    ms.forEach(function (m) {
      if (m.start < start || m.end > end) return;
      out += escapeHtml(chars.slice(at, m.start).join("")) + "<mark>" + escapeHtml(chars.slice(m.start, m.end).join("")) + "</mark>";
      at = m.end;
    });
    out += escapeHtml(chars.slice(at, end).join("")).replace(/ +$/, "");
    return out + (end < chars.length ? "…" : "");
  }
  function snippet(text, summary, stems, a, width) {
    text = text || "";
    summary = summary || "";
    var body = Array.from(text), bodyMs = matchesIn(text, stems, a), best = bestWindow(body, bodyMs, width);
    var sum = Array.from(summary), sumMs = matchesIn(summary, stems, a), sumD = distinctCount(sumMs);
    if (best && (best[2] > sumD || !sum.length)) return renderSnippet(body, bodyMs, best[0], best[1]);
    if (sum.length) return renderSnippet(sum, sumMs, 0, sum.length);
    return renderSnippet(body, [], 0, snapEnd(body, Math.min(width, body.length), 0));
  }

  /* ---------- results markup (html.rs) ---------- */

  function telLink(phone) {
    var digits = String(phone).replace(/[^0-9+]/g, "");
    return digits.charAt(0) === "0" && digits.slice(0, 2) !== "00" ? "+44" + digits.slice(1) : digits;
  }
  function kindLabel(kind) { return Object.prototype.hasOwnProperty.call(KIND_LABELS, kind) ? KIND_LABELS[kind] : kind; }
  function cardHtml(c, prefix, highlight) {
    var out = '<section class="search-answer" aria-label="Who to contact">\n<div class="contact-card">\n';
    out += '<p class="contact-name"><a href="' + escapeHtml(withQuery(prefix + c.url, highlight)) + '">' + escapeHtml(c.name) + "</a></p>\n";
    if (c.role) out += '<p class="contact-role">' + escapeHtml(c.role) + (c.team ? ", " + escapeHtml(c.team) : "") + "</p>\n";
    out += '<dl class="contact-details">\n';
    if (c.email) out += '<div><dt>Email</dt><dd><a href="mailto:' + escapeHtml(c.email) + '">' + escapeHtml(c.email) + "</a></dd></div>\n";
    if (c.phone) out += '<div><dt>Phone</dt><dd><a href="tel:' + escapeHtml(telLink(c.phone)) + '">' + escapeHtml(c.phone) + "</a></dd></div>\n";
    return out + "</dl>\n</div>\n</section>\n";
  }
  // Where a results page stands (paging in html.rs).
  function paging(r) {
    var size = Math.max(r.limit || 0, 1);
    return { page: Math.floor(r.offset / size) + 1, last: Math.ceil(r.total / size), from: r.offset + 1, to: Math.min(r.offset + size, r.total) };
  }
  function paged(r) { return r.total > Math.max(r.limit || 0, 1) || r.offset > 0; }
  function pageText(r) {
    if (r.total === 0 || !paged(r)) return null;
    var p = paging(r);
    if (p.page > p.last) return "Page " + p.page + " is past the last page of results, page " + p.last + ".";
    return "Showing " + p.from + "–" + p.to + " of " + r.total + ".";
  }
  // The count line; `card`: a contact card answers (it is not one of the pages).
  function countText(results, card) {
    var q = escapeHtml(String(results.query).trim());
    if (results.total === 0 && card) return "1 contact matches <q>" + q + "</q>.";
    if (results.total === 0) return "No pages match <q>" + q + "</q>. Check the spelling, or try fewer or other words.";
    var text = (results.total === 1 ? "1 page matches" : results.total + " pages match") + " <q>" + q + "</q>.";
    var p = pageText(results);
    return p ? text + " " + p : text;
  }
  function formEncode(pairs) { return new URLSearchParams(pairs).toString(); }
  // The URL of another results page (page_href in html.rs), not HTML-escaped.
  function pageHref(r, prefix, page) {
    var pairs = [["q", r.query]];
    if (r.kind) pairs.push(["kind", r.kind]);
    if (r.limit !== PAGE_SIZE) pairs.push(["limit", String(r.limit)]);
    pairs.push(["page", String(page)]);
    return prefix + "search/?" + formEncode(pairs);
  }
  function highlightQuery(q) {
    var words = String(q).split(/[ \t\n\f\r]+/).filter(Boolean);
    return words.length ? formEncode([["highlight", words.join(" ")]]) : "";
  }
  // `url` with `query` added before its fragment (with_query in html.rs).
  function withQuery(url, query) {
    if (!query) return url;
    var i = url.indexOf("#"), path = i < 0 ? url : url.slice(0, i), fragment = i < 0 ? "" : url.slice(i);
    return path + (path.indexOf("?") < 0 ? "?" : "&") + query + fragment;
  }
  function navHtml(r, prefix) {
    if (r.total === 0 || !paged(r)) return "";
    var p = paging(r), links = [];
    if (p.page > p.last) {
      links.push('<a href="' + escapeHtml(pageHref(r, prefix, p.last)) + '">Go to the last page of results, page ' + p.last + "</a>");
    } else {
      if (p.page > 1) links.push('<a rel="prev" href="' + escapeHtml(pageHref(r, prefix, p.page - 1)) + '">Previous page</a>');
      links.push('<span class="search-page-number">Page ' + p.page + " of " + p.last + "</span>");
      if (p.page < p.last) links.push('<a rel="next" href="' + escapeHtml(pageHref(r, prefix, p.page + 1)) + '">Next page</a>');
    }
    return '<nav class="search-pages" aria-label="Search results pages">\n' + links.join("\n") + "\n</nav>\n";
  }
  // The same markup as results_html in src/search/html.rs.
  function resultsHtml(results, prefix) {
    var card = !!(results.hits[0] && results.hits[0].contact);
    var out = '<p class="search-count">' + countText(results, card) + "</p>\n", pages = [];
    var highlight = highlightQuery(results.query);
    results.hits.forEach(function (h) { if (h.contact) out += cardHtml(h.contact, prefix, highlight); else pages.push(h); });
    if (pages.length) {
      out += results.offset ? '<ol class="search-hits" start="' + (results.offset + 1) + '">\n' : '<ol class="search-hits">\n';
      pages.forEach(function (h) {
        var crumbs = (h.breadcrumb || []).map(escapeHtml);
        out += '<li class="search-hit">\n<p class="search-hit-title"><a href="' + escapeHtml(withQuery(prefix + h.url, highlight)) + '">' + escapeHtml(h.title) + "</a></p>\n" +
          '<p class="search-hit-meta"><span class="search-hit-kind">' + escapeHtml(kindLabel(h.kind)) + "</span>" +
          (crumbs.length ? " in " + crumbs.join(" › ") : "") + "</p>\n" +
          '<p class="search-hit-snippet">' + h.snippet + "</p>\n</li>\n";
      });
      out += "</ol>\n";
    }
    return out + navHtml(results, prefix);
  }

  /* ---------- in the browser ---------- */

  // Searches through the server's endpoint when there is one, else the static export.
  function Client(root, win) {
    var base = root + "_search/static/";
    this.root = root;
    this.win = win;
    this.api = remembered(win) || "unknown";
    this.engine = new Engine(function (path) {
      return win.fetch(base + path, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " for " + path);
        return r.arrayBuffer();
      }).then(function (bytes) {
        return unpacked(bytes, win);
      }).then(JSON.parse);
    });
  }

  // The text of an export file. Shards and records are stored gzip-compressed; a
  // server that sent one with `Content-Encoding: gzip` has unpacked it already, so
  // the first two bytes decide (JSON never starts with 0x1f 0x8b).
  function unpacked(bytes, win) {
    var head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
    if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return Promise.resolve(new win.TextDecoder().decode(bytes));
    var stream = new win.Blob([bytes]).stream().pipeThrough(new win.DecompressionStream("gzip"));
    return new win.Response(stream).text();
  }
  Client.prototype.search = function (q, kind, limit, page) {
    page = page || 1;
    var self = this, req = { q: q, kind: kind || null, limit: limit, offset: (page - 1) * limit }, win = this.win;
    if (this.api === "down") return this.engine.search(req);
    var url = this.root + "_search/api?q=" + encodeURIComponent(q) + "&limit=" + limit + (kind ? "&kind=" + encodeURIComponent(kind) : "") + (page > 1 ? "&page=" + page : "");
    return this.win.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      var type = r.headers.get("content-type") || "";
      if (!r.ok || type.indexOf("json") < 0) throw new Error("no search endpoint");
      return r.json();
    }).then(function (json) {
      self.api = "up";
      return json;
    }, function () {
      self.api = "down";
      remember(win, "down");
      return self.engine.search(req);
    });
  };
  // Whether this tab already found there is no server search, so pages do not ask again.
  var API_KEY = "guidebook-search-api";
  function remembered(win) {
    try { return win.sessionStorage.getItem(API_KEY); } catch (e) { return null; }
  }
  function remember(win, state) {
    try { win.sessionStorage.setItem(API_KEY, state); } catch (e) { /* storage may be off */ }
  }

  // What the status region says (status_text in html.rs); `page`: with the page shown.
  function statusText(res, page) {
    var n = res.total, answer = res.hits[0] && res.hits[0].contact;
    var text = n === 0 ? (answer ? "1 contact matches." : "No pages match.") : n === 1 ? "1 page matches." : n + " pages match.";
    var p = page ? pageText(res) : null;
    if (p) text += " " + p;
    return answer ? text + " Contact: " + answer.name + (answer.role ? ", " + answer.role : "") + "." : text;
  }

  function debounce(fn, ms) {
    var timer = null;
    var d = function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
    d.cancel = function () { clearTimeout(timer); };
    return d;
  }

  // The search page: fill results when the server did not, and update them as you type.
  function setupPage(doc, win, client, root) {
    var input = doc.getElementById("search-q"), kindSel = doc.getElementById("search-kind");
    var results = doc.getElementById("search-results"), status = doc.getElementById("search-status");
    var form = doc.getElementById("search-page-form");
    if (!input || !results || !status || !form) return;
    var params = new URLSearchParams(win.location.search), seq = 0;
    if (!input.value) input.value = params.get("q") || "";
    if (kindSel && params.get("kind")) kindSel.value = params.get("kind");
    // The results page asked for; typing or choosing a kind starts again at 1.
    var page = pageParam(params.get("page"));
    function run() {
      var q = input.value, kind = kindSel ? kindSel.value : "", mine = ++seq, at = page;
      page = 1;
      var pairs = q ? [["q", q]] : [];
      if (q && kind) pairs.push(["kind", kind]);
      if (q && at > 1) pairs.push(["page", String(at)]);
      win.history.replaceState(null, "", root + "search/" + (pairs.length ? "?" + formEncode(pairs) : ""));
      if (!q.trim()) {
        results.innerHTML = "";
        status.textContent = "";
        return;
      }
      results.setAttribute("aria-busy", "true");
      client.search(q, kind, PAGE_SIZE, at).then(function (res) {
        if (mine !== seq) return;
        results.innerHTML = resultsHtml(res, root);
        results.removeAttribute("aria-busy");
        status.textContent = statusText(res, true);
      }, function () {
        if (mine !== seq) return;
        results.removeAttribute("aria-busy");
        status.textContent = "Search is not available right now.";
      });
    }
    var later = debounce(run, 200);
    input.addEventListener("input", later);
    if (kindSel) kindSel.addEventListener("change", run);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      later.cancel();
      run();
    });
    results.addEventListener("keydown", function (e) { arrows(e, input, results); });
    input.addEventListener("keydown", function (e) { arrows(e, input, results); });
    if (input.value.trim() && !results.firstElementChild) run();
  }

  // `page=` as the host reads it (1 to MAX_PAGE in src/serve/search.rs); the host
  // answers anything else with 400, here it means the first page.
  function pageParam(text) {
    var n = /^[0-9]{1,3}$/.test(text || "") ? Number(text) : 0;
    return n >= 1 && n <= 100 ? n : 1;
  }

  // Up and down arrows move between the search box and the result links.
  function arrows(e, input, results) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(results.querySelectorAll(".contact-name a, .search-hit-title a"));
    var at = links.indexOf(e.target);
    var next = e.key === "ArrowDown" ? at + 1 : at - 1;
    if (e.target === input) next = e.key === "ArrowDown" ? 0 : -2;
    if (next === -1) { e.preventDefault(); input.focus(); return; }
    if (next >= 0 && next < links.length) {
      e.preventDefault();
      links[next].focus();
    }
  }

  // The header box on every other page: a list of suggestions under it (a combobox).
  function setupCombobox(doc, win, client, root, form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var list = doc.createElement("ul"), status = doc.createElement("p");
    list.id = "site-search-suggestions";
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested pages");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var options = [], active = -1, seq = 0;
    function setActive(i) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }
    function option(i, href, title, detail) {
      var li = doc.createElement("li"), a = doc.createElement("a"), t = doc.createElement("span"), d = doc.createElement("span");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      a.href = href;
      a.tabIndex = -1;
      t.className = "search-suggest-title";
      t.textContent = title;
      d.className = "search-suggest-detail";
      d.textContent = detail;
      a.appendChild(t);
      a.appendChild(d);
      li.appendChild(a);
      return li;
    }
    function render(q, res) {
      list.textContent = "";
      options = res.hits.slice(0, 6).map(function (h, i) {
        var c = h.contact;
        var detail = c ? [c.role, c.email, c.phone].filter(Boolean).join(" · ") : kindLabel(h.kind);
        return option(i, withQuery(root + h.url, highlightQuery(q)), c ? c.name : h.title, detail);
      });
      options.push(option(options.length, root + "search/?q=" + encodeURIComponent(q), res.total ? "See all " + res.total + (res.total === 1 ? " result" : " results") : res.hits.length ? "See the results" : "No pages match: search again", ""));
      options.forEach(function (o) { list.appendChild(o); });
      active = -1;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = statusText(res) + (res.total ? " Use the up and down arrows to choose a page." : "");
    }
    function run() {
      var q = input.value, mine = ++seq;
      if (q.trim().length < 2) {
        close();
        return;
      }
      client.search(q, "", 6).then(function (res) {
        if (mine === seq && doc.activeElement === input) render(q, res);
      }, function () {
        if (mine === seq) close();
      });
    }
    var later = debounce(run, 150);
    input.addEventListener("input", later);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { if (e.key === "ArrowDown") run(); return; }
        e.preventDefault();
        var n = options.length, step = e.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        e.preventDefault();
        win.location.assign(options[active].firstChild.href);
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { close(); });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    if (doc.activeElement === input && input.value) run();
  }

  function start(doc, win) {
    var header = doc.querySelector("form.site-search");
    var page = doc.getElementById("search-page-form");
    var form = page || header;
    if (!form || !win.fetch) return;
    var root = (form.getAttribute("action") || "/search/").replace(/search\/?$/, "");
    var client = new Client(root, win);
    if (page) setupPage(doc, win, client, root);
    else setupCombobox(doc, win, client, root, header);
  }

  return {
    Engine: Engine, Analyzer: Analyzer, words: words, normalize: normalize, stem: stem, derive: derive,
    editDistance: editDistance, snippet: snippet, resultsHtml: resultsHtml, statusText: statusText, escapeHtml: escapeHtml,
    start: start, FOLD_PAIRS: FOLD_PAIRS, FOLD_OTHER: FOLD_OTHER
  };
});
