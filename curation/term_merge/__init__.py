"""Merging one taxonomy term into another: pages, drafts and translations move over."""
