-- wrk script: search queries made of two words drawn at random from the corpus's
-- domain vocabulary (benches/corpus/words.py), so nearly every request is a query the
-- server has not answered before (no help from its result cache).
--   wrk -t2 -c64 -d10s --latency -s benches/serve/varied-queries.lua http://127.0.0.1:PORT
local words = {
  "research", "security", "university", "partner", "partnership", "project", "staff", "student", "researcher", "visitor",
  "export", "control", "licence", "sanction", "due", "diligence", "risk", "assessment", "funding", "funder",
  "contract", "agreement", "data", "information", "device", "travel", "overseas", "campus", "reputation", "values",
  "academic", "freedom", "collaboration", "international", "approval", "scheme", "technology", "dual", "use", "sensitive",
  "material", "equipment", "laboratory", "department", "faculty", "school", "office", "team", "lead", "manager",
  "adviser", "champion", "committee", "board", "governance", "policy", "procedure", "process", "guidance", "checklist",
  "training", "case", "study", "legislation", "regulation", "act", "order", "review", "record", "report",
  "concern", "incident", "response", "escalation", "decision", "outcome", "evidence", "document", "form", "request",
  "application", "certificate", "visa", "immigration", "compliance", "protection", "intellectual", "property", "commercial", "investment",
  "investor", "company", "organisation", "institution", "government", "agency", "authority", "regulator", "ministry", "embassy",
  "consulate", "conference", "workshop", "seminar", "meeting", "publication", "journal", "dataset", "software", "hardware",
  "encryption", "password", "account", "network", "access", "permission", "storage", "backup", "transfer", "transmission",
  "sharing", "disclosure", "consent", "personal", "confidential", "internal", "public", "restricted", "classified", "secret",
  "official", "level", "threat", "actor", "attack", "phishing", "malware", "breach", "loss", "theft",
  "misuse", "harm", "damage", "impact", "likelihood", "severity", "mitigation", "measure", "control", "safeguard",
  "condition", "requirement", "obligation", "duty", "responsibility", "accountability", "oversight", "audit", "monitoring", "assurance",
  "annual", "quarterly", "monthly", "weekly", "daily", "deadline", "timeline", "schedule", "plan", "budget",
  "cost", "grant", "award", "proposal", "bid", "tender", "supplier", "vendor", "service", "provider",
  "consultant", "expert", "specialist", "officer", "director", "dean", "provost", "chancellor", "registrar", "secretary",
  "coordinator", "administrator", "analyst", "engineer", "scientist", "scholar", "fellow", "lecturer", "professor", "doctor",
  "field", "subject", "discipline", "area", "domain", "sector", "industry", "market", "region", "country",
  "nation", "border", "customs", "shipment", "goods", "item", "component", "system", "platform", "tool",
  "method", "technique", "approach", "framework", "model", "standard", "principle", "criterion", "category", "classification",
  "list", "register", "database", "portal", "website", "page", "section", "chapter", "appendix", "annex",
  "schedule", "clause", "term", "definition", "scope", "purpose", "objective", "aim", "goal", "benefit",
  "advantage", "opportunity", "value", "question", "answer", "advice", "support", "help", "contact", "email",
  "phone", "address", "location", "hours", "week", "month", "year", "date", "period", "time",
  "moment", "stage", "step", "phase", "cycle", "round", "iteration", "first", "second", "third",
  "final", "early", "late", "new", "existing", "current", "previous", "future", "recent", "clear",
  "simple", "short", "long", "brief", "detailed", "full", "partial", "specific", "general", "common",
}
-- Each wrk thread has its own Lua state: seed each differently, or the threads would
-- ask the same sequence and all but the first would be answered from the cache.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(1 + (id or 0))
end
request = function()
  local a = words[math.random(#words)]
  local b = words[math.random(#words)]
  return wrk.format("GET", "/_search/api?q=" .. a .. "+" .. b .. "&limit=10")
end
