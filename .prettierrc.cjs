// Prettier for the addon's XML and JavaScript (OCA's settings for Odoo 18.0), run by the
// prettier hook of .pre-commit-config.yaml (./dev lint). The XML plugin is found through
// NODE_PATH, which pre-commit sets to the hook's node_modules.
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
