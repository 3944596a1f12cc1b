"""Vocabulary for the benchmark corpus: real words first, then made-up ones.

Words are drawn with a Zipf-like law over ranks, so the commonest words are English
function words, then a domain vocabulary, then a long tail of invented words (which
gives a search index a realistic number of distinct terms). Nothing here is random
at import time: the tail is built from a seeded generator passed in by the caller.
"""

FUNCTION_WORDS = """
the of and to a in for is that on with as by be are this it or from at an not your
you we which can their should will may have has if when who what all any more other
must been also than they its these those our there but where each about into such
how one before after only some most them would could both within without between
""".split()

DOMAIN_WORDS = """
research security university partner partnership project staff student researcher
visitor export control licence sanction due diligence risk assessment funding funder
contract agreement data information device travel overseas campus reputation values
academic freedom collaboration international approval scheme technology dual use
sensitive material equipment laboratory department faculty school office team lead
manager adviser champion committee board governance policy procedure process guidance
checklist training case study legislation regulation act order review record report
concern incident response escalation decision outcome evidence document form request
application certificate visa immigration compliance protection intellectual property
commercial investment investor company organisation institution government agency
authority regulator ministry embassy consulate conference workshop seminar meeting
publication journal dataset software hardware encryption password account network
access permission storage backup transfer transmission sharing disclosure consent
personal confidential internal public restricted classified secret official level
threat actor attack phishing malware breach loss theft misuse harm damage impact
likelihood severity mitigation measure control safeguard condition requirement
obligation duty responsibility accountability oversight audit monitoring assurance
annual quarterly monthly weekly daily deadline timeline schedule plan budget cost
grant award proposal bid tender supplier vendor service provider consultant expert
specialist officer director dean provost chancellor registrar secretary coordinator
administrator analyst engineer scientist scholar fellow lecturer professor doctor
field subject discipline area domain sector industry market region country nation
border customs shipment goods item component system platform tool method technique
approach framework model standard principle criterion category classification list
register database portal website page section chapter appendix annex schedule clause
term definition scope purpose objective aim goal benefit advantage opportunity value
question answer advice support help contact email phone address location hours
week month year date period time moment stage step phase cycle round iteration
first second third final early late new existing current previous future recent
clear simple short long brief detailed full partial specific general common rare
important essential necessary optional recommended required permitted prohibited
approve refuse grant deny check confirm verify validate assess evaluate consider
identify describe explain list record store share send receive hold keep retain
delete destroy return replace update change amend revise withdraw suspend cancel
apply submit complete sign agree negotiate discuss consult inform notify tell ask
prepare plan organise arrange book travel visit host invite welcome meet present
publish disseminate teach supervise examine recruit appoint employ train brief
protect secure defend prevent detect respond recover report escalate investigate
""".split()

SYLLABLES = """
ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu ha he hi
ho hu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra
re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu bar ben cor
dal fen gor hal kel lan mar nor pel quin ros sel tor val wen yor zan tha shi cha pro
tri ver lin
""".split()

TAIL_SIZE = 15000


def vocabulary(rng):
    """Real words, then TAIL_SIZE distinct invented words; order is rank."""
    words = list(FUNCTION_WORDS)
    seen = set(words)
    for w in DOMAIN_WORDS:
        if w not in seen:
            seen.add(w)
            words.append(w)
    target = len(words) + TAIL_SIZE
    while len(words) < target:
        n = rng.randint(2, 4)
        w = "".join(rng.choice(SYLLABLES) for _ in range(n))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_cumulative(n, s=1.05, q=2.7):
    """Cumulative weights of a Zipf-Mandelbrot law over ranks 0..n-1."""
    total = 0.0
    out = []
    for r in range(n):
        total += 1.0 / (r + q) ** s
        out.append(total)
    return out
