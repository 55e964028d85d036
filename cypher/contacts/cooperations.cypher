// The contact network, part 2: every cooperation row (either direction is contact), with its row order.
MATCH (a:Actor {dataset: $dataset})-[r:COOPERATES_WITH]->(b:Actor)
RETURN a.id AS source, b.id AS target, r.seq AS seq
