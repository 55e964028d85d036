// The contact network, part 1: every actor (Python keeps the file order, seq).
MATCH (a:Actor {dataset: $dataset})
RETURN a.id AS id, a.seq AS seq
