"""The ontology (ontology/cadrekg.ttl), its SHACL shapes and the closed namespace CKG agree and work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.graph.namespace import CKG, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "cadrekg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
DOCS = ROOT / "ontology" / "docs" / "index.html"
NS = str(CKG._NS)

PREFIXES = """
@prefix ckg:     <https://w3id.org/cadrekg/ontology#> .
@prefix id:      <https://w3id.org/cadrekg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema:  <https://schema.org/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

# One instance of every class, shaped as the pipeline emits it.
VALID = (
    PREFIXES
    + """
id:bulletin-anqing-2021-12 a ckg:Bulletin ;
    rdfs:label "安庆组工信息 2021年第12期"@zh ;
    dcterms:title "安庆组工信息"@zh ;
    dcterms:issued "2021-05-31"^^xsd:date ;
    schema:issueNumber 12 ;
    dcterms:publisher id:unit-aq-zzb ;
    ckg:locality id:locality-340800 ;
    ckg:contentHash "9f2c0e" .

id:article-anqing-2021-12-3 a ckg:Article ;
    dcterms:isPartOf id:bulletin-anqing-2021-12 ;
    dcterms:title "岳西县：“三进三问三听”精准考察干部"@zh ;
    rdfs:label "岳西县：“三进三问三听”精准考察干部"@zh ;
    ckg:section "市内信息" ;
    ckg:locality id:locality-340828 ;
    ckg:reportedBy id:unit-yx-zzb ;
    ckg:position 3 ;
    prov:wasDerivedFrom id:span-a3 ;
    ckg:basedOn id:policy-1 ;
    ckg:mentions id:work-1 ;
    ckg:cites id:policy-1 , id:work-1 .

id:span-a3 a ckg:SourceSpan ;
    ckg:quote "岳西县：“三进三问三听”" ;
    ckg:startOffset 100 ;
    ckg:endOffset 112 ;
    dcterms:source id:bulletin-anqing-2021-12 .

id:span-p1 a ckg:SourceSpan ;
    ckg:quote "走到坊间听“官声”，提拔重用优秀干部 420 人" ;
    ckg:startOffset 120 ;
    ckg:endOffset 144 ;
    dcterms:source id:bulletin-anqing-2021-12 .

id:span-p2 a ckg:SourceSpan ;
    ckg:quote "社区民调" ;
    ckg:startOffset 300 ;
    ckg:endOffset 304 ;
    dcterms:source id:bulletin-anqing-2021-12 .

id:practice-p1 a ckg:Practice ;
    rdfs:label "走到坊间听“官声”"@zh ;
    ckg:describedIn id:article-anqing-2021-12-3 ;
    ckg:locality id:locality-340828 ;
    ckg:targets id:tg-nitiba ;
    ckg:practiceType id:pt-kaocha ;
    ckg:outcome id:outcome-1 ;
    ckg:basedOn id:policy-1 ;
    ckg:mentions id:work-1 ;
    ckg:brand "三进三问三听" ;
    ckg:involvesUnit id:unit-yx-zzb ;
    ckg:position 1 ;
    ckg:normalizedText "走到坊间听官声，提拔重用优秀干部420人" ;
    prov:wasDerivedFrom id:span-p1 ;
    ckg:similarTo id:practice-p2 .

id:practice-p2 a ckg:Practice ;
    rdfs:label "社区民调"@zh ;
    ckg:describedIn id:article-anqing-2021-12-3 ;
    ckg:position 2 ;
    prov:wasDerivedFrom id:span-p2 ;
    ckg:similarTo id:practice-p1 .

id:sim-1 a ckg:SimilarityLink ;
    ckg:fromPractice id:practice-p1 ;
    ckg:toPractice id:practice-p2 ;
    ckg:score 0.83 ;
    ckg:sharedConcept id:tg-nitiba , id:pt-kaocha ;
    ckg:sharedTerm "社区" .

id:locality-340000 a ckg:Locality ;
    rdfs:label "安徽省"@zh ; ckg:adminCode "340000" ; ckg:adminLevel "province" .
id:locality-340800 a ckg:Locality ;
    rdfs:label "安庆市"@zh ; ckg:adminCode "340800" ; ckg:adminLevel "city" ;
    schema:containedInPlace id:locality-340000 .
id:locality-340828 a ckg:Locality ;
    rdfs:label "岳西县"@zh ; ckg:adminCode "340828" ; ckg:adminLevel "county" ;
    schema:containedInPlace id:locality-340800 .
id:locality-340828-dgc a ckg:Locality ;
    rdfs:label "大官村"@zh ; ckg:adminLevel "village" ;
    schema:containedInPlace id:locality-340828 .

id:unit-aq-zzb a ckg:Unit , org:Organization ;
    rdfs:label "中共安庆市委组织部"@zh ; ckg:unitKind "组织部" ; ckg:locality id:locality-340800 .
id:unit-yx-zzb a ckg:Unit , org:Organization ;
    rdfs:label "岳西县委组织部"@zh ; ckg:unitKind "组织部" ; ckg:locality id:locality-340828 ;
    org:subOrganizationOf id:unit-yx-xw .
id:unit-yx-xw a ckg:Unit , org:Organization ;
    rdfs:label "岳西县委"@zh ; ckg:unitKind "党委" ; ckg:locality id:locality-340828 .

id:scheme-targets a skos:ConceptScheme .
id:scheme-types a skos:ConceptScheme .
id:tg-ganbu a ckg:TargetGroup , skos:Concept ;
    skos:prefLabel "干部"@zh ; skos:inScheme id:scheme-targets .
id:tg-nitiba a ckg:TargetGroup , skos:Concept ;
    skos:prefLabel "拟提拔干部"@zh , "cadres proposed for promotion"@en ;
    skos:altLabel "拟任人选"@zh ;
    skos:broader id:tg-ganbu ;
    skos:inScheme id:scheme-targets .
id:pt-xuan a ckg:PracticeType , skos:Concept ;
    skos:prefLabel "选"@zh ; skos:inScheme id:scheme-types .
id:pt-kaocha a ckg:PracticeType , skos:Concept ;
    skos:prefLabel "干部考察"@zh ; skos:broader id:pt-xuan ; skos:inScheme id:scheme-types .

id:outcome-1 a ckg:Outcome ;
    schema:value 420.0 ;
    schema:maxValue 450.0 ;
    schema:unitText "人" ;
    rdfs:label "提拔重用优秀干部"@zh ;
    ckg:qualifier "余" ;
    ckg:valueText "420–450余人" ;
    ckg:displayable true ;
    prov:wasDerivedFrom id:span-p1 .

id:policy-1 a ckg:PolicyDocument ;
    dcterms:title "关于激励干部担当作为的实施办法"@zh ;
    rdfs:label "关于激励干部担当作为的实施办法"@zh .

id:work-1 a ckg:NamedWork ;
    dcterms:title "百姓问政"@zh ;
    rdfs:label "百姓问政"@zh ;
    ckg:workKind "media" .
"""
)

# An article without dcterms:title and a locality whose code is not six digits.
INVALID = (
    PREFIXES
    + """
id:b a ckg:Bulletin ; rdfs:label "某期"@zh ; dcterms:title "组工信息"@zh ;
    dcterms:issued "2022-04-20"^^xsd:date ; ckg:contentHash "x" .
id:s a ckg:SourceSpan ; ckg:quote "某县" ; ckg:startOffset 0 ; ckg:endOffset 2 ; dcterms:source id:b .
id:a a ckg:Article ;
    dcterms:isPartOf id:b ;
    rdfs:label "无标题"@zh ;
    ckg:position 1 ;
    prov:wasDerivedFrom id:s .
id:l a ckg:Locality ; rdfs:label "某省"@zh ; ckg:adminCode "34A" ; ckg:adminLevel "province" .
"""
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def ckg_terms() -> set[str]:
    return {name for name in CKG.__annotations__ if not name.startswith("_")}


def validate(data: str, shapes: Graph, ontology: Graph, inference: str = "none"):
    from pyshacl import validate as shacl_validate

    graph = Graph().parse(data=data, format="turtle")
    conforms, results, text = shacl_validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference=inference, allow_warnings=False
    )
    return conforms, results, text


def result_paths(results: Graph) -> set[tuple[str, str]]:
    out = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        out.add((str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultPath))))
    return out


def test_ontology_parses_and_has_metadata(ontology: Graph):
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) is not None
    from rdflib.namespace import DCTERMS

    titles = {t.language for t in ontology.objects(onto, DCTERMS.title)}
    assert {"zh", "en"} <= titles
    assert ontology.value(onto, DCTERMS.description) is not None
    assert ontology.value(onto, DCTERMS.creator) is not None
    assert (onto, OWL.imports, None) not in ontology


def test_namespace_and_ontology_agree(ontology: Graph):
    declared = set()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for kind in kinds:
        for s in ontology.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                declared.add(str(s)[len(NS) :])
    # any other ckg: subject in the file must be one of those terms too
    mentioned = {
        str(s)[len(NS) :] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)
    }
    names = ckg_terms()
    assert names - declared == set(), "in CKG but not declared in cadrekg.ttl"
    assert declared - names == set(), "declared in cadrekg.ttl but missing from CKG"
    assert mentioned - names == set(), "ckg: subjects in cadrekg.ttl unknown to CKG"
    for name in names:  # every name resolves through the closed namespace
        assert str(getattr(CKG, name)) == NS + name


def test_term_kinds(ontology: Graph):
    for name in ckg_terms():
        term = URIRef(NS + name)
        types = set(ontology.objects(term, RDF.type))
        if name[0].isupper():
            assert OWL.Class in types, name
        else:
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, name
            assert not {OWL.ObjectProperty, OWL.DatatypeProperty} <= types, name
            assert ontology.value(term, RDFS.domain) is not None, f"{name} has no rdfs:domain"
            assert ontology.value(term, RDFS.range) is not None, f"{name} has no rdfs:range"


def test_every_term_has_zh_and_en_label_and_comment(ontology: Graph):
    for name in ckg_terms():
        term = URIRef(NS + name)
        for prop in (RDFS.label, RDFS.comment):
            langs = [lit.language for lit in ontology.objects(term, prop) if isinstance(lit, Literal)]
            assert langs.count("zh") == 1, f"{name} {prop}: one @zh"
            assert langs.count("en") == 1, f"{name} {prop}: one @en"


def test_alignment_to_standard_vocabularies(ontology: Graph):
    from rdflib.namespace import DCTERMS, ORG, PROV, SDO, SKOS

    sub = RDFS.subClassOf
    subp = RDFS.subPropertyOf
    expected = [
        (CKG.Bulletin, sub, SDO.PublicationIssue),
        (CKG.Bulletin, sub, PROV.Entity),
        (CKG.Article, sub, SDO.Article),
        (CKG.Practice, sub, PROV.Plan),
        (CKG.Locality, sub, SDO.AdministrativeArea),
        (CKG.Locality, sub, DCTERMS.Location),
        (CKG.Unit, sub, ORG.Organization),
        (CKG.TargetGroup, sub, SKOS.Concept),
        (CKG.PracticeType, sub, SKOS.Concept),
        (CKG.Outcome, sub, SDO.QuantitativeValue),
        (CKG.PolicyDocument, sub, SDO.Legislation),
        (CKG.NamedWork, sub, SDO.CreativeWork),
        (CKG.SourceSpan, sub, PROV.Entity),
        (CKG.locality, subp, DCTERMS.spatial),
        (CKG.reportedBy, subp, DCTERMS.creator),
        (CKG.describedIn, subp, SDO.subjectOf),
        (CKG.practiceType, subp, DCTERMS.subject),
        (CKG.targets, subp, SDO.audience),
        (CKG.basedOn, subp, PROV.wasInfluencedBy),
        (CKG.quote, subp, PROV.value),
        (CKG.adminCode, subp, SDO.identifier),
        (CKG.mentions, subp, SDO.mentions),
        (CKG.cites, subp, DCTERMS.references),
        (CKG.similarTo, RDF.type, OWL.SymmetricProperty),
        # copied W3C statements for offline use
        (ORG.Organization, sub, URIRef("http://xmlns.com/foaf/0.1/Agent")),
        (PROV.Plan, sub, PROV.Entity),
        (SKOS.Concept, RDF.type, OWL.Class),
        (SDO.QuantitativeValue, RDF.type, OWL.Class),
    ]
    missing = [t for t in expected if t not in ontology]
    assert not missing


def test_shapes_parse_and_target_every_class(shapes: Graph):
    targeted = {str(o)[len(NS) :] for o in shapes.objects(None, SH.targetClass) if str(o).startswith(NS)}
    classes = {n for n in ckg_terms() if n[0].isupper()}
    assert classes <= targeted
    # every shape with a message has it in Chinese and English
    for s in set(shapes.subjects(SH.message, None)):
        langs = {m.language for m in shapes.objects(s, SH.message)}
        assert {"zh", "en"} <= langs, s


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_valid_graph_conforms(shapes: Graph, ontology: Graph, inference: str):
    conforms, _, text = validate(VALID, shapes, ontology, inference)
    assert conforms, text


def test_invalid_graph_does_not_conform(shapes: Graph, ontology: Graph):
    conforms, results, text = validate(INVALID, shapes, ontology)
    assert not conforms
    paths = result_paths(results)
    assert ("https://w3id.org/cadrekg/id/a", "http://purl.org/dc/terms/title") in paths, text
    assert ("https://w3id.org/cadrekg/id/l", NS + "adminCode") in paths, text


@pytest.mark.parametrize(
    "bad, path",
    [
        # start after end
        (
            'id:x a ckg:SourceSpan ; ckg:quote "" ; ckg:startOffset 5 ; ckg:endOffset 3 ; dcterms:source id:b .',
            "startOffset",
        ),
        # score out of range
        (
            "id:x a ckg:SimilarityLink ; ckg:fromPractice id:p ; ckg:toPractice id:q ; ckg:score 1.5 .",
            "score",
        ),
        # unknown admin level
        ('id:x a ckg:Locality ; rdfs:label "甲"@zh ; ckg:adminLevel "district" .', "adminLevel"),
        # policy title with brackets
        ('id:x a ckg:PolicyDocument ; rdfs:label "《办法》"@zh ; dcterms:title "《办法》"@zh .', "title"),
        # outcome value not a decimal
        ('id:x a ckg:Outcome ; rdfs:label "人数"@zh ; schema:value "many" ; schema:unitText "人" .', "value"),
        # a citation of something that is not a document
        ("id:x a ckg:Article ; ckg:cites id:bulletin-anqing-2021-12 .", "cites"),
        (
            'id:x a ckg:Outcome ; rdfs:label "人数"@zh ; schema:value 1.0 ; schema:unitText "人" ; ckg:displayable "no" .',
            "displayable",
        ),
        # two Chinese labels
        ('id:x a ckg:Unit ; rdfs:label "甲"@zh , "乙"@zh .', "label"),
        # practice without describedIn
        ('id:x a ckg:Practice ; rdfs:label "甲"@zh ; prov:wasDerivedFrom id:s2 .', "describedIn"),
    ],
)
def test_specific_violations(shapes: Graph, ontology: Graph, bad: str, path: str):
    data = (
        PREFIXES
        + 'id:s2 a ckg:SourceSpan ; ckg:quote "" ; ckg:startOffset 0 ; ckg:endOffset 0 ; dcterms:source id:b .\n'
    )
    data += 'id:b a ckg:Bulletin ; rdfs:label "b"@zh ; dcterms:title "b"@zh ; dcterms:issued "2022-01-01"^^xsd:date ; ckg:contentHash "h" .\n'
    data += bad
    conforms, results, text = validate(data, shapes, ontology)
    assert not conforms
    assert any(p.endswith(path) for _, p in result_paths(results)), text


def test_quote_length_must_match_offsets(shapes: Graph, ontology: Graph):
    data = (
        PREFIXES
        + 'id:b a ckg:Bulletin ; rdfs:label "b"@zh ; dcterms:title "b"@zh ; dcterms:issued "2022-01-01"^^xsd:date ; ckg:contentHash "h" .\n'
        + 'id:s a ckg:SourceSpan ; ckg:quote "三个字" ; ckg:startOffset 0 ; ckg:endOffset 5 ; dcterms:source id:b .\n'
    )
    conforms, _, text = validate(data, shapes, ontology)
    assert not conforms and "ckg:quote" in text


def test_missing_parent_is_only_a_warning(shapes: Graph, ontology: Graph):
    from pyshacl import validate as shacl_validate

    data = PREFIXES + 'id:x a ckg:Locality ; rdfs:label "某县"@zh ; ckg:adminLevel "county" .'
    graph = Graph().parse(data=data, format="turtle")
    strict, results, _ = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, allow_warnings=False)
    lenient, _, _ = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, allow_warnings=True)
    assert not strict and lenient
    assert set(results.objects(None, SH.resultSeverity)) == {SH.Warning}


def test_docs_are_offline():
    if not DOCS.exists():
        pytest.skip("ontology/docs/index.html not generated")
    html = DOCS.read_text(encoding="utf-8")
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), tag
    for name in ckg_terms():  # anchors are the local names
        assert f'id="{name}"' in html, name


def test_fallback_docs_page_lists_every_term():
    from kg.ontology_docs import _fallback_html, docs_graph

    page = _fallback_html(docs_graph(ONTOLOGY))
    for name in ckg_terms():
        assert f'id="{name}"' in page, name
    assert "//" not in "".join(re.findall(r"<(?:script|link)\b[^>]*>", page))
