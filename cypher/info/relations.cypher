// Relationships per type ($relations: the schema's relation kinds); every one starts at a dataset node.
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})-[r]->()
WHERE type(r) IN $relations
RETURN type(r) AS kind, count(r) AS count
