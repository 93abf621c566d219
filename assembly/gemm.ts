// Single-precision matrix products.
