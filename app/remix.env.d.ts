/// <reference types="@remix-run/dev" />
import "@remix-run/node";

// Single Fetch is on (remix.config.js): loaders' and actions' types unwrap data() accordingly.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
