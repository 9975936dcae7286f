"""OAI-PMH 2.0 data provider at /oai/: aggregators harvest every material in every language.

Protocol parsing, resumption tokens, the repository queries, sets, the Dublin Core
serialiser and the XML envelope live in separate modules so each can be read (and tested)
on its own; the serialiser only translates `materials.record.MaterialRecord`s.
"""
