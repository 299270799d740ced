/// The GitHub Actions workflow that `herald init` writes to `.github/workflows/status.yml`, and that
/// docs/hosting.md shows (a test keeps the two the same).
///
/// It never compiles Herald: the `setup` action puts the release binary on PATH (restored from
/// the Actions cache after the first run). Pushes build and deploy; pull requests only check;
/// the schedule deploys only when `herald next-change` says the page has changed by the clock
/// since the last deploy (a maintenance window opened or closed, the day rolled over, or an
/// incident is open), so a quiet day costs a few seconds per scheduled run and one deploy.
package enum StatusWorkflow {
    /// The workflow's text.
    ///
    /// - Parameters:
    ///   - repository: The GitHub repository that publishes Herald and its action, `owner/name`.
    ///   - version: The Herald version to install, such as `0.1.0`.
    package static func text(repository: String, version: String) -> String {
        template.replacingOccurrences(of: "HERALD_ACTION", with: "\(repository)@v\(version)")
    }

    private static let template = #"""
        # Builds the status page with Herald and publishes it on GitHub Pages
        # (Settings → Pages → Source: GitHub Actions). Herald's binary comes from its release
        # (checksum verified, then cached), so no run compiles anything.
        name: Status page
        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:
          schedule:
            # Deploys only when the page changed by the clock since the last deploy (a maintenance
            # window opened or closed, the day rolled over, an incident is open); otherwise the run
            # stops after its check.
            - cron: "*/5 * * * *"

        permissions:
          contents: read
          pages: write
          id-token: write

        concurrency:
          # One publish at a time, in order; pull requests only check, in a group of their own.
          group: status-page-${{ github.event_name == 'pull_request' && github.ref || 'publish' }}
          cancel-in-progress: false

        jobs:
          build:
            runs-on: ubuntu-24.04
            outputs:
              deploy: ${{ steps.plan.outputs.deploy }}
              now: ${{ steps.plan.outputs.now }}
            steps:
              - uses: actions/checkout@v6
              - uses: HERALD_ACTION
              - run: herald check --format github
              - uses: actions/cache/restore@v5  # the last deploy: its commit and clock
                if: github.event_name == 'schedule'
                with:
                  path: .herald-deployed
                  key: herald-deployed-${{ github.run_id }}-${{ github.run_attempt }}
                  restore-keys: herald-deployed-
              - id: plan
                if: github.event_name != 'pull_request'
                env:
                  EVENT: ${{ github.event_name }}
                run: |
                  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
                  deploy=true
                  if [ "$EVENT" = schedule ] && [ -f .herald-deployed ] && read -r sha at < .herald-deployed && [ "$sha" = "$GITHUB_SHA" ]; then
                    next=$(herald next-change --now "$at")
                    if [[ "$now" < "$next" ]]; then
                      deploy=false
                      echo "The page is as deployed at $at until $next: nothing to deploy."
                    fi
                  fi
                  echo "now=$now" >> "$GITHUB_OUTPUT"
                  echo "deploy=$deploy" >> "$GITHUB_OUTPUT"
              - if: steps.plan.outputs.deploy == 'true'
                env:
                  NOW: ${{ steps.plan.outputs.now }}
                run: herald build --now "$NOW" --verbose
              - if: steps.plan.outputs.deploy == 'true'
                uses: actions/upload-pages-artifact@v5
                with:
                  path: site

          deploy:
            if: needs.build.outputs.deploy == 'true'
            needs: build
            runs-on: ubuntu-24.04
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v5
              - env:
                  NOW: ${{ needs.build.outputs.now }}
                run: echo "$GITHUB_SHA $NOW" > .herald-deployed
              - uses: actions/cache/save@v5
                with:
                  path: .herald-deployed
                  key: herald-deployed-${{ github.run_id }}-${{ github.run_attempt }}

          notify:
            # After every deploy: post the updates published since the last announced state (its
            # commit and clock, kept in the cache with the delivery ledger), so none is lost when
            # GitHub drops a waiting run, and a maintenance window that opened or closed by the
            # clock is announced by the scheduled run that deployed it. Without notify: targets in
            # herald.yml it sends nothing.
            if: needs.build.outputs.deploy == 'true'
            needs: [build, deploy]
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout@v6
                with:
                  fetch-depth: 0  # notify reads the content as it was at the last announced commit
              - uses: HERALD_ACTION
              - uses: actions/cache/restore@v5  # the delivery ledger and the last announced state
                with:
                  path: |
                    .herald-notify-ledger.json
                    .herald-notify-since
                  key: herald-notify-${{ github.run_id }}-${{ github.run_attempt }}
                  restore-keys: herald-notify-
              - id: since
                env:
                  BEFORE: ${{ github.event.before }}
                  NOW: ${{ needs.build.outputs.now }}
                run: |
                  { read -r since at < .herald-notify-since; } 2>/dev/null || true
                  git cat-file -e "$since^{commit}" 2>/dev/null || { since=$BEFORE; at=; }
                  git cat-file -e "$since^{commit}" 2>/dev/null || since=HEAD  # first run: nothing to send
                  echo "rev=$(git rev-parse "$since")" >> "$GITHUB_OUTPUT"
                  echo "at=${at:-$NOW}" >> "$GITHUB_OUTPUT"
              - env:
                  SINCE: ${{ steps.since.outputs.rev }}
                  SINCE_NOW: ${{ steps.since.outputs.at }}
                  NOW: ${{ needs.build.outputs.now }}
                  # One line per notify target in herald.yml: its url_env name and the secret.
                  # SLACK_SUPPORT_WEBHOOK_URL: ${{ secrets.SLACK_SUPPORT_WEBHOOK_URL }}
                run: |
                  herald notify --since "$SINCE" --since-now "$SINCE_NOW" --now "$NOW"
                  echo "$(git rev-parse HEAD) $NOW" > .herald-notify-since
              - uses: actions/cache/save@v5  # saved even when a target failed, for the re-run
                if: always()
                with:
                  path: |
                    .herald-notify-ledger.json
                    .herald-notify-since
                  key: herald-notify-${{ github.run_id }}-${{ github.run_attempt }}

        """#
}
