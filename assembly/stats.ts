// Activation functions fused with per-layer statistics.
