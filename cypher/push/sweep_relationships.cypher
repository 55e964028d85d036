// push --replace, after writing: every relationship of the dataset that this push did not write is deleted.
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})-[r]->()
WHERE r.push_token IS NULL OR r.push_token <> $token
DELETE r
RETURN count(r) AS deleted
