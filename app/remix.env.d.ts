/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch: loaders and actions return plain objects or `data()`, and
// `useLoaderData<typeof loader>()` infers them without JSON serialisation types.
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
