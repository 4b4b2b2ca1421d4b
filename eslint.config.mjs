// Lint rules for the whole tree: ESLint's and typescript-eslint's recommended sets, and Pulumi's rules (Outputs in
// template literals) on the code that builds resources, which needs type information.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "node_modules/",
            "**/dist/",
            "policypack/data/",
            "conformance/.work/",
            "conformance/java/",
            "bench/out/",
            "test/fixtures/",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // Prettier keeps code to 130 columns but does not break strings, template literals or comments: this keeps those too.
            "max-len": ["error", { code: 130, ignoreUrls: true }],
            // Unused arguments named _x are deliberate (callback shapes).
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
            ],
        },
    },
    {
        files: ["components/**/*.ts", "index.ts"],
        plugins: { "@pulumi": pulumi },
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: { "@pulumi/no-output-in-template-literal": "error", "@pulumi/no-output-instance-in-template-literal": "error" },
    },
    {
        // The pack's own files import a name from the file that defines it: in the compiled pack a barrel's
        // re-export is a getter called on every use (bench/RESULTS.md, issue #10's third pass). Barrels are for users.
        files: ["policypack/iam/**/*.ts", "policypack/rules/**/*.ts"],
        ignores: ["policypack/iam/index.ts", "policypack/rules/index.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    paths: [
                        { name: "../iam", message: "Import from the iam/ file that defines the name." },
                        { name: "../../components/grants", message: "Import from the components/grants/ file that defines it." },
                        {
                            name: "./common",
                            importNames: [
                                ...["BaseConfig", "stringList", "schema", "NO_OPTIONS", "withDefaults", "readConfig"],
                                ...["configReader", "grantsAction", "isAllow", "quote", "at"],
                            ],
                            message: "Import it from ./config or ./statements, which define it.",
                        },
                    ],
                },
            ],
        },
    },
    {
        // Plain Node scripts (CommonJS).
        files: ["**/*.js"],
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
