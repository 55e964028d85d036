// Delete every node (with its relationships) stored under one key ($dataset), $batch nodes per transaction,
// so that a version of any size is deleted within the server's default transaction memory.
MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset})
CALL {
  WITH n
  DETACH DELETE n
} IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted
