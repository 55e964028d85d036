// Whether the database holds any node of the dataset.
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
RETURN n.id AS id
LIMIT 1
