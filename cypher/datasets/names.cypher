// The datasets in the database (for the message when a dataset is not found).
MATCH (n:Actor|Project|Municipality|TargetGroup)
RETURN DISTINCT n.dataset AS dataset
ORDER BY dataset
