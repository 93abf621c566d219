/** Name normalization: `kaiming_normal_`, `KaimingNormal` and `kaiming-normal` all mean `kaimingNormal`. */

/** Comparison key: lower case, no separators, no trailing `_` (PyTorch's in-place suffix). */
export function nameKey(name: string): string {
  return name.replace(/_+$/, '').replace(/[_\-\s]/g, '').toLowerCase();
}

/** `kaimingNormal` -> `kaiming_normal`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
