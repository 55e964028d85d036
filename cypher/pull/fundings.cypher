// Pull: every funding row (a FUNDS relationship) with its properties.
MATCH (a:Actor {dataset: $dataset})-[r:FUNDS]->(p:Project)
RETURN a.id AS source, p.id AS target, properties(r) AS properties
