// Nodes per kind ($kinds: the schema's node kinds, i.e. labels).
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
RETURN [label IN labels(n) WHERE label IN $kinds][0] AS kind, count(n) AS count
