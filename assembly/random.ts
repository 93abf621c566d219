// Random streams and samplers: Philox-4x32-10 and the uniform, normal and truncated-normal fills.
