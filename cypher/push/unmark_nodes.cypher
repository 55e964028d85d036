// push --replace, last: the nodes written lose the mark of this push (push_token).
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
WHERE n.push_token = $token
REMOVE n.push_token
RETURN count(n) AS unmarked
