"""Request-level protections that belong to no app: allowed methods, security headers, and
the client address that login throttling counts by."""
