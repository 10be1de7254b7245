// GraphQL enums mirroring the database enums.
import { ApiKeyStatus, KeySource, LedgerEntryKind, MemberRole, ProjectMode, ProviderKeyKind, ProviderKeyStatus, UsageStatus } from "@switchyard/db";
import { builder } from "../builder.ts";

export const MemberRoleEnum = builder.enumType(MemberRole, { name: "MemberRole", description: "viewer reads; member uses and reads; admin manages keys and projects; owner manages members and deletes." });
export const ProjectModeEnum = builder.enumType(ProjectMode, { name: "ProjectMode", description: "credits: house keys paid from credits; byok: only own keys; hybrid: own key where active, credits otherwise." });
export const ApiKeyStatusEnum = builder.enumType(ApiKeyStatus, { name: "ApiKeyStatus" });
export const ProviderKeyStatusEnum = builder.enumType(ProviderKeyStatus, { name: "ProviderKeyStatus" });
export const ProviderKeyKindEnum = builder.enumType(ProviderKeyKind, { name: "ProviderKeyKind" });
export const LedgerEntryKindEnum = builder.enumType(LedgerEntryKind, { name: "LedgerEntryKind" });
export const KeySourceEnum = builder.enumType(KeySource, { name: "KeySource" });
export const UsageStatusEnum = builder.enumType(UsageStatus, { name: "UsageStatus" });
