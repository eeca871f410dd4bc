// Composition root; filled in by the knowledge core work.
return 0;
