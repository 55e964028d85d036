// The keys stored under the dataset's name other than $current: versions left by an interrupted push, or the
// version just replaced. Keys are `name@<32 hex digits>`; the caller checks the suffix.
MATCH (n:Actor|Project|Municipality|TargetGroup)
WHERE n.dataset STARTS WITH $dataset + '@' AND n.dataset <> $current
RETURN DISTINCT n.dataset AS key
