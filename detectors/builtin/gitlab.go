package builtin

import "github.com/redactd/redactd/detectors"

// GitLab tokens (docs.gitlab.com, "GitLab token overview", token prefixes):
// each kind has its own prefix followed by 20 base64url characters, longer
// for some kinds; GitLab 17.x routable tokens append ".01." and a checksum
// segment. Runner registration tokens start with GR1348941.
const gitlabRevoke = "Revoke it in GitLab (User settings > Access tokens, or the project/group settings that issued it) and create a new one; check the audit events for its use."

func gitlabRule(id, desc, prefix string, body string, maxLen int, sev detectors.Severity, rem string) detectors.Rule {
	return tokenRuleA(id, desc, sev, []string{prefix}, prefix+body, maxLen, rem)
}

// gitlabBody matches a legacy 20-character body, or a longer routable body
// with its ".01.<checksum>" suffix.
const gitlabBody = `[A-Za-z0-9_-]{20,}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,10})?`

var gitlabRules = []detectors.Rule{
	gitlabRule("gitlab-pat", "GitLab personal, project or group access token", "glpat-", gitlabBody, 320, detectors.SeverityCritical, gitlabRevoke),
	gitlabRule("gitlab-deploy-token", "GitLab deploy token", "gldt-", gitlabBody, 320, detectors.SeverityHigh,
		"Revoke the deploy token in the project's Settings > Repository > Deploy tokens and create a new one."),
	gitlabRule("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", "glptt-", `[0-9a-f]{40}`, 46, detectors.SeverityHigh,
		"Revoke the trigger in the project's Settings > CI/CD > Pipeline trigger tokens and create a new one."),
	gitlabRule("gitlab-runner-token", "GitLab runner authentication token", "glrt-", `(?:t\d_)?`+gitlabBody, 324, detectors.SeverityHigh,
		"Reset the runner's authentication token (Settings > CI/CD > Runners, or gitlab-runner reset-token) and re-register the runner."),
	gitlabRule("gitlab-runner-registration-token", "GitLab runner registration token (legacy)", "GR1348941", `[A-Za-z0-9_-]{20}`, 29, detectors.SeverityHigh,
		"Reset the runner registration token in Settings > CI/CD > Runners and migrate to runner authentication tokens."),
	gitlabRule("gitlab-ci-job-token", "GitLab CI/CD job token", "glcbt-", `[0-9a-fA-F]{1,5}_[A-Za-z0-9_-]{20}`, 33, detectors.SeverityMedium,
		"Job tokens expire when the job ends; cancel the job if it is still running and keep CI_JOB_TOKEN out of job logs."),
	gitlabRule("gitlab-scim-token", "GitLab SCIM OAuth token", "glsoat-", `[A-Za-z0-9_-]{20}`, 27, detectors.SeverityHigh,
		"Reset the SCIM token in the group's Settings > SAML SSO and update the identity provider."),
	gitlabRule("gitlab-feed-token", "GitLab feed token", "glft-", `[A-Za-z0-9_-]{20}`, 25, detectors.SeverityMedium,
		"Reset the feed token in User settings > Access tokens > Feed token."),
	gitlabRule("gitlab-incoming-mail-token", "GitLab incoming email token", "glimt-", `[A-Za-z0-9_-]{25}`, 31, detectors.SeverityMedium,
		"Reset the incoming email token in User settings > Access tokens."),
	gitlabRule("gitlab-agent-token", "GitLab agent for Kubernetes token", "glagent-", `[A-Za-z0-9_-]{50}`, 58, detectors.SeverityHigh,
		"Revoke the agent token in the project's Operate > Kubernetes clusters page and create a new one."),
	gitlabRule("gitlab-oauth-app-secret", "GitLab OAuth application secret", "gloas-", `[0-9a-f]{64}`, 70, detectors.SeverityHigh,
		"Renew the application secret in the OAuth application's settings (Applications > Renew secret)."),
	gitlabRule("gitlab-feature-flags-token", "GitLab feature flags client token", "glffct-", `[A-Za-z0-9_-]{20}`, 27, detectors.SeverityMedium,
		"Reset the feature flags client token in the project's Deploy > Feature flags > Configure."),
}
