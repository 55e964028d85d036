// push --replace, last: the relationships written lose the mark of this push (push_token).
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})-[r]->()
WHERE r.push_token = $token
REMOVE r.push_token
RETURN count(r) AS unmarked
