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

# the records of the evidence model: RDF classes and property-graph labels
ENTITY, STATEMENT, ESTIMATE, CITATION, SOURCE = "Entity", "Statement", "Estimate", "Citation", "Source"

# the classes a reference must point into: a place, a claimant
PLACE, AGENT = "Place", "Agent"

# the ontology's own bookkeeping: the root of the relationship types, the class of those that
# happen once (and stay in the record), the annotation naming a top class's fact-file section
RELATED_TO, EVENT_RELATIONSHIP, SECTION = "related_to", "EventRelationship", "section"
