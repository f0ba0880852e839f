"""The few vocabulary names the code itself must know, each defined in ``ontology/``.

Everything else (types, relationship types, sections, fields) is read from the
ontology and the fact schema; no other module of ``graph/`` writes a vocabulary
name as a literal.

>>> DISPUTED, SUPPORTS
('disputed', 'supports')
"""

# a statement's or an estimate's status, and a citation's stance
ASSERTED, DISPUTED = "asserted", "disputed"
SUPPORTS, DISPUTES = "supports", "disputes"

# how a source holds a fact (the schema's `modalities`, the ontology's nx:Modality notations): the
# default, and the two a fact dated after its source may have
ASSERTED_MODALITY, PLANNED, PREDICTED = "asserted", "planned", "predicted"

# the records of the evidence model: RDF classes and property-graph labels
ENTITY, STATEMENT, ESTIMATE, CITATION, SOURCE = "Entity", "Statement", "Estimate", "Citation", "Source"

# the classes a reference must point into: a place, a claimant
PLACE, AGENT = "Place", "Agent"

# the top classes of analytic claims and of concepts
ANALYTIC_CLAIM, CONCEPT = "AnalyticClaim", "Concept"

# the class of the modality individuals, and the record of a disputed detail
MODALITY, QUALIFIER_DISPUTE = "Modality", "QualifierDispute"

# the class of the build's summary of one relationship type (graph/builder/summary.py)
RELATIONSHIP_SUMMARY = "RelationshipSummary"

# the relationship types that place a zone: within a place, or over parts of places
PART_OF, SPANS_PART_OF = "part_of", "spans_part_of"

# the ontology's own bookkeeping: the root of the relationship types, the class of those that
# happen once (and stay in the record), the annotation naming a top class's fact-file section
RELATED_TO, EVENT_RELATIONSHIP, SECTION = "related_to", "EventRelationship", "section"
