"""The project ontology as a closed namespace: a misspelt term raises instead of minting a new IRI.

Mirrors ontology/cadrekg.ttl (tests/test_ontology.py checks that the two agree).
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/cadrekg/ontology"


class CKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/cadrekg/ontology#")
    _fail = True

    # classes
    Bulletin: URIRef
    Article: URIRef
    Practice: URIRef
    Locality: URIRef
    Unit: URIRef
    TargetGroup: URIRef
    PracticeType: URIRef
    Outcome: URIRef
    PolicyDocument: URIRef
    NamedWork: URIRef  # a 《》 title that is not a policy: TV column, film, book, form
    SourceSpan: URIRef  # an exact quote of the source with offsets
    SimilarityLink: URIRef  # the explanation node of a ckg:similarTo link
    # object properties
    locality: URIRef
    mentionsPlace: URIRef  # another place a practice's text names (a town, a place learned from)
    reportedBy: URIRef
    describedIn: URIRef
    targets: URIRef
    practiceType: URIRef
    outcome: URIRef
    basedOn: URIRef
    mentions: URIRef
    cites: URIRef  # a document or work an article or practice cites (dcterms:references)
    similarTo: URIRef
    fromPractice: URIRef
    toPractice: URIRef
    sharedConcept: URIRef
    involvesUnit: URIRef
    place: URIRef  # a practice's locality, or the county/city/province above it (derived)
    # datatype properties
    section: URIRef
    adminCode: URIRef
    adminLevel: URIRef
    brand: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef
    qualifier: URIRef
    score: URIRef
    sharedTerm: URIRef
    unitKind: URIRef
    contentHash: URIRef
    position: URIRef
    workKind: URIRef
    normalizedText: URIRef
    reportedOn: URIRef  # a practice's bulletin issue date (derived: describedIn/isPartOf/issued)
    valueText: URIRef  # an outcome's figure as written: 1.0–1.3系数, 3.6万余件
    displayable: URIRef  # false: the outcome's label says too little to show it
    # annotation properties
    cueLabel: (
        URIRef  # a broad wording that hints at a practice type (a skos:hiddenLabel that classifies nothing)
    )
