// Remove one dataset's graph (push --replace runs it in the push's own transaction).
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
DETACH DELETE n
RETURN count(n) AS deleted
