export interface DeclaredSkip {
  name: string;
  inCi: boolean;
  why: string;
}

export declare const declaredSkips: ReadonlyArray<DeclaredSkip>;
export declare function declaredSkipOf(reason: unknown): DeclaredSkip | undefined;
