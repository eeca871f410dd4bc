// One test sets a process environment variable (Dataset__Path, as an operator would) while the host it starts reads
// it: the host tests run one at a time, so no other test's host can read it meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
