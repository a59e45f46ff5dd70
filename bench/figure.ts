/** One row of `npm run bench`: a measured value, the target it is held to, and the reference server's value. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target as written in the issue, e.g. "< 50 ms". */
  readonly target?: string;
  /** Whether `value` meets `target`; absent when the target is not a number to check. */
  readonly meets?: boolean;
  /** The same figure measured on the reference server in the same run. */
  readonly reference?: number;
  /** value / reference; absent when either is missing or the reference is 0. */
  readonly ratio?: number;
  /** Describes the run rather than the server (e.g. the load of other programs): no ratio. */
  readonly ratioless?: boolean;
  /** Held to the reference: met when value ≤ reference (decided once the reference's value is known). */
  readonly atMostReference?: boolean;
  /** In the printed table, put this row after the row of that name (when there is one) rather than in run order. */
  readonly printAfter?: string;
}

/** A figure held to a numeric target: `meets` is computed, NaN never meets. */
export function checked(figure: Omit<Figure, 'meets'>, meets: (value: number) => boolean): Figure {
  return { ...figure, meets: Number.isFinite(figure.value) && meets(figure.value) };
}
