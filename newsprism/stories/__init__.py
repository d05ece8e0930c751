"""Stories: which articles report the same event, and how many independent sources each story has.

embeddings   article and sentence vectors, computed once and kept (store table or file cache)
features     entity-like terms, content words, years mentioned: which event, beyond the topic
wire         MinHash near duplicates and agency credit lines: syndicated copy counts as one source
cluster      batch average-linkage clustering, blocked by nearest neighbours (re-clustering, evaluators)
incremental  one article at a time joins its best story or starts one (ingest)
service      the verbs over a store: assign, recluster, summarise (title, time span, counts)
similarity   article-pair similarity across languages (SemEval-2022 Task 8)
"""
