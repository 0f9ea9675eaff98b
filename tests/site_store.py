"""A synthetic store for the site's tests: many places (provinces, cities, counties, towns), practices
with concepts, brands and dates, similarity links with reasons, and hostile text in every kind of
string a page shows (place names, concept labels, brands, bulletin names, quotes, shared terms).

Written as Turtle and loaded in bulk, so a store of 500+ places takes a second, not a pipeline build.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox

from kg.store import GraphStore

ID = "https://w3id.org/cadrekg/id/"
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<a href="javascript:window.__pwned=3">x</a>',
    "</script><script>window.__pwned=4</script>",
    "\u2028<svg onload=window.__pwned=5>",
]
PREFIXES = """@prefix ckg: <https://w3id.org/cadrekg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# key, label, broader key, alternative labels
TARGETS = [
    ("cadre", "干部", None, []),
    ("young-cadre", "年轻干部", "cadre", ["青年干部"]),
    ("selected-graduate", "选调生", "young-cadre", []),
    ("village-cadre", "村干部", None, []),
    ("village-party-secretary", "村党组织书记", "village-cadre", ["村书记"]),
    ("hostile-group", "对象" + HOSTILE[1], "cadre", []),
]
TYPES = [
    ("select", "选", None, []),
    ("vetting", "考察识别", "select", ["干部考察"]),
    ("cultivate", "育", None, []),
    ("training", "教育培训", "cultivate", []),
    ("care", "关心关爱", None, []),
    ("talk", "谈心谈话", "care", []),
]
BRANDS = ["三进三问三听", "五有", "2+N", "品牌" + HOSTILE[0]]


def lit(text: str, lang: str | None = "zh") -> str:
    return json.dumps(text, ensure_ascii=False) + (f"@{lang}" if lang else "")


def synthetic_ttl(
    provinces: int = 5,
    cities: int = 9,
    counties: int = 11,
    practices: int = 1200,
    links: int = 3000,
    seed: int = 7,
) -> tuple[str, str]:
    """(vocabulary Turtle, data Turtle)."""
    rnd = random.Random(seed)
    vocab = [PREFIXES]
    for kind, rows in (("TargetGroup", TARGETS), ("PracticeType", TYPES)):
        base = "target-group" if kind == "TargetGroup" else "practice-type"
        for key, label, broader, alts in rows:
            s = f"<{ID}{base}/{key}> a ckg:{kind} ; skos:prefLabel {lit(label)}"
            s += "".join(f" ; skos:altLabel {lit(a)}" for a in alts)
            s += f" ; skos:broader <{ID}{base}/{broader}>" if broader else ""
            vocab.append(s + " .")
    out = [PREFIXES]
    places: list[str] = []  # localities a practice may be at
    for p in range(provinces):
        pcode = f"{60 + p}0000"
        pname = f"第{p}省" + (HOSTILE[3] if p == 1 else "")
        out.append(
            f'<{ID}locality/{pcode}> a ckg:Locality ; rdfs:label {lit(pname)} ; ckg:adminLevel "province" ;'
            f" ckg:adminCode {lit(pcode, None)} ."
        )
        for c in range(cities):
            ccode = f"{60 + p}{c + 1:02d}00"
            out.append(
                f"<{ID}locality/{ccode}> a ckg:Locality ; rdfs:label {lit(f'第{p}省{c}市')} ;"
                f' ckg:adminLevel "city" ; ckg:adminCode {lit(ccode, None)} ;'
                f" schema:containedInPlace <{ID}locality/{pcode}> ."
            )
            places.append(ccode)
            for k in range(counties):
                kcode = f"{60 + p}{c + 1:02d}{k + 1:02d}"
                name = f"{c}市{k}县" + (HOSTILE[4] if (p, c, k) == (0, 0, 1) else "")
                out.append(
                    f"<{ID}locality/{kcode}> a ckg:Locality ; rdfs:label {lit(name)} ;"
                    f' ckg:adminLevel "county" ; ckg:adminCode {lit(kcode, None)} ;'
                    f" schema:containedInPlace <{ID}locality/{ccode}> ."
                )
                places.append(kcode)
                if k % 4 == 0:  # a town and a village below: they count for the county
                    town, village = f"t{kcode}", f"v{kcode}"
                    out.append(
                        f"<{ID}locality/{town}> a ckg:Locality ; rdfs:label {lit(f'{k}县镇')} ;"
                        f' ckg:adminLevel "town" ; schema:containedInPlace <{ID}locality/{kcode}> .'
                    )
                    out.append(
                        f"<{ID}locality/{village}> a ckg:Locality ; rdfs:label {lit(f'{k}县村')} ;"
                        f' ckg:adminLevel "village" ; schema:containedInPlace <{ID}locality/{town}> .'
                    )
                    places += [town, village]
    for y in range(6):
        for n in range(1, 5):
            name = "某某组工信息" + (HOSTILE[0] if (y, n) == (5, 4) else "")
            out.append(
                f"<{ID}bulletin/b{y}-{n}> a ckg:Bulletin ; dcterms:title {lit(name)} ;"
                f' schema:issueNumber "{n}"^^xsd:integer ; dcterms:issued "{2018 + y}-{n * 3:02d}-1{n}"^^xsd:date .'
            )
    for i in range(practices):
        loc = places[rnd.randrange(len(places))] if i % 97 else None  # a few without a locality
        pi, ai = f"{ID}practice/p{i:05d}", f"{ID}article/a{i // 3:05d}"
        label = f"做法{i}" + (HOSTILE[i % len(HOSTILE)] if i % 50 == 1 else "")
        quote = f"第{i}项做法，建立谈心谈话机制，全年谈话 {i % 90} 人次。" + (
            HOSTILE[i % 5] if i % 50 == 1 else ""
        )
        if i % 3 == 0:
            by, bn = rnd.randrange(6), rnd.randrange(1, 5)
            bul, issued = f"{ID}bulletin/b{by}-{bn}", f"{2018 + by}-{bn * 3:02d}-1{bn}"
            title = f"文章{i // 3}" + (HOSTILE[2] if i % 150 == 0 else "")
            out.append(f"<{ai}> a ckg:Article ; dcterms:title {lit(title)} ; dcterms:isPartOf <{bul}> .")
        facts = [f"<{pi}> a ckg:Practice ; rdfs:label {lit(label)} ; ckg:describedIn <{ai}>"]
        facts.append(f'ckg:reportedOn "{issued}"^^xsd:date')  # its bulletin's date, as the build derives it
        if loc:
            facts.append(f"ckg:locality <{ID}locality/{loc}>")
            # the place it counts at, as the build derives it (a town or village: its county)
            facts.append(f"ckg:place <{ID}locality/{loc[1:] if loc[0] in 'tv' else loc}>")
        for key in rnd.sample([t[0] for t in TARGETS], rnd.randrange(0, 3)):
            facts.append(f"ckg:targets <{ID}target-group/{key}>")
        for key in rnd.sample([t[0] for t in TYPES], rnd.randrange(1, 3)):
            facts.append(f"ckg:practiceType <{ID}practice-type/{key}>")
        if i % 7 == 0:
            facts.append(f"ckg:brand {lit(BRANDS[i % len(BRANDS)], None)}")
        facts.append(f"prov:wasDerivedFrom <{pi}-s> .")
        out.append(" ; ".join(facts))
        out.append(f"<{pi}-s> a ckg:SourceSpan ; ckg:quote {lit(quote, None)} .")
    seen = set()
    for j in range(links):
        a, b = rnd.randrange(practices), rnd.randrange(practices)
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        s = f"{ID}similarity/s{j}"
        term = "谈话" if j % 40 else HOSTILE[j % len(HOSTILE)]
        out.append(
            f"<{s}> a ckg:SimilarityLink ; ckg:fromPractice <{ID}practice/p{a:05d}> ;"
            f' ckg:toPractice <{ID}practice/p{b:05d}> ; ckg:score "{0.2 + (j % 70) / 100:.2f}"^^xsd:decimal ;'
            f" ckg:sharedConcept <{ID}practice-type/{TYPES[j % len(TYPES)][0]}> ; ckg:sharedTerm {lit(term, None)} ."
        )
        out.append(f"<{ID}practice/p{a:05d}> ckg:similarTo <{ID}practice/p{b:05d}> .")
    return "\n".join(vocab), "\n".join(out)


def make_site_store(path: Path, **kw) -> Path:
    vocab, data = synthetic_ttl(**kw)
    with GraphStore(path, create=True) as gs:
        gs.db.load(vocab, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "graph/vocab"))
        gs.db.load(data, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "graph/bulletin/x"))
    return path
