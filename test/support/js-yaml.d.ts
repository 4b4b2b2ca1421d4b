// js-yaml ships no type declarations (it comes in as a dependency of @pulumi/pulumi); the tests use only load().
declare module "js-yaml" {
    export function load(text: string): unknown;
}
