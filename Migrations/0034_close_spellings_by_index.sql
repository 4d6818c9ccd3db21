-- Close spellings (0029) read the vocabulary's candidates through the forms' GIN index. On a
-- small vocabulary (a newsroom's first few thousand headlines) the planner reads the whole
-- table instead: it prices `forms && query_forms` as one comparison a row, where it is every
-- form of the row against every form of the query (some 50 by 44), so a query with no match
-- took 130-190 ms on 6,442 words against 1.5 ms through the index (measured by
-- `scripts/bench wire`, BENCHMARKS.md). The index is the right plan at every size.
ALTER FUNCTION newsroom_search_spelled_close(text, boolean) SET enable_seqscan = off;
