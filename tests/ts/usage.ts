// Compiled by generator/tests/typescript.rs against generated/ts/api.ts: it breaks when the
// generated types stop supporting what a client of them needs.
import type { JobErrorCode, WorkspaceBuild, operations, paths } from "@generated/api";
import { JobErrorCodes } from "@generated/api";

// Exhaustive: a JobErrorCode value without a case makes `code` not `never` in the default
// branch, and this file stops compiling.
export function describeJobError(code: JobErrorCode): string {
  switch (code) {
    case "INSUFFICIENT_QUOTA":
      return "the owner's quota does not allow this build";
    case "REQUIRED_TEMPLATE_VARIABLES":
      return "the template needs variables that were not given";
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

// The value list holds exactly the union's members.
export const described: string[] = JobErrorCodes.map(describeJobError);

// Nullable fields admit null; optional ones may be left out.
export const minimalBuild: WorkspaceBuild = { template_version_preset_id: null };

// The operation table types a fetch client: path parameters, query, and the response body.
type GetBuild = paths["/workspacebuilds/{workspacebuild}"]["get"];
export const getBuildParams: GetBuild["parameters"]["path"] = { workspacebuild: "0967198e-ec7b-4c6b-b4d3-f71244cadbe9" };
export type GetBuildResponse = GetBuild["responses"][200]["content"]["application/json"];
export const sameBuild: GetBuildResponse = minimalBuild;

// Query parameters keep their enum types.
export const logsQuery: NonNullable<operations["get-workspace-build-logs"]["parameters"]["query"]> = {
  format: "text",
  follow: true,
};

// A response without a body has no content.
export type NoContent = operations["update-workspace-build-state"]["responses"][204]["content"];
export const noContent: NoContent = undefined;
