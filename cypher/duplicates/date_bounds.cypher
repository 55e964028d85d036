// Duplicated efforts: the earliest and latest date of every project (open ends clip to these); dates equal
// to $day_min or $day_max count as open, as the in-memory analysis has it.
MATCH (p:Project {dataset: $dataset})
UNWIND [p.start, p.end] AS day
WITH day
WHERE day IS NOT NULL AND day <> $day_min AND day <> $day_max
RETURN min(day) AS low, max(day) AS high
