import type { en } from './en';

/** Plural forms some languages lack: Chinese, for one, only has `_other`. */
type OptionalPluralForm = 'zero' | 'one' | 'two' | 'few' | 'many';
type IsOptionalPlural<K> = K extends `${string}_${OptionalPluralForm}` ? K : never;

/**
 * The shape of every locale: exactly the keys of `en`, each a string, except that
 * plural forms other than `_other` may be left out (the unit test checks that each
 * language has the forms `Intl.PluralRules` says it uses).
 */
export type Messages<T = typeof en> = {
  [K in keyof T as K extends IsOptionalPlural<K> ? never : K]: T[K] extends string
    ? string
    : Messages<T[K]>;
} & {
  [K in keyof T as IsOptionalPlural<K>]?: string;
};
