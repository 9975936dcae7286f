"""Safe curation: nothing that pages use (a taxonomy term, a document) is deleted from
under them, and every refusal shows where it is used, drafts included."""
