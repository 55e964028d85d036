// Pull: every cooperation row (a COOPERATES_WITH relationship) with its properties.
MATCH (a:Actor {dataset: $dataset})-[r:COOPERATES_WITH]->(b:Actor)
RETURN a.id AS source, b.id AS target, properties(r) AS properties
