// push --replace, after writing: every node of the dataset that this push did not write (its push_token is
// not $token) is deleted with its relationships.
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
WHERE n.push_token IS NULL OR n.push_token <> $token
DETACH DELETE n
RETURN count(n) AS deleted
