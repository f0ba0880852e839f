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
