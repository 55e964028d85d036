// Delete one dataset's graph (stakeholders.backends.neo4j_push.delete_dataset).
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
DETACH DELETE n
RETURN count(n) AS deleted
