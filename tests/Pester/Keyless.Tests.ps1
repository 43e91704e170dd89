# Keyless sign-in (W&B identity federation) in a real PowerShell: Connect-Wandb -IdentityTokenFile against the W&B
# emulator started here, whose test issuer signed the JWT and whose /oidc/token hands out the access tokens.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'TestSupport.ps1'))
    $Emulator = Start-WandbTestEmulator
    Import-WandbAuthUnderTest
    $Jwt = [System.IO.File]::ReadAllText($Emulator.IdentityTokenFile).Trim()

    # Every secret of keyless sign-in this run could show: the JWT (whole, and its signature alone, which a cut-down
    # JWT would still carry) and each access token the emulator has handed out so far.
    function Get-KeylessSecrets {
        $issued = @([System.IO.File]::ReadAllLines($Emulator.AccessTokenFile) | Where-Object { $_ })
        @($Jwt, $Jwt.Split('.')[2]) + $issued
    }

    # The access tokens issued so far, so a test can insist that the scan below had something to look for.
    function Get-IssuedAccessTokenCount {
        @([System.IO.File]::ReadAllLines($Emulator.AccessTokenFile) | Where-Object { $_ }).Count
    }
}

AfterAll {
    Disconnect-Wandb -ErrorAction SilentlyContinue
    Stop-WandbTestEmulator $Emulator
}

Describe 'Connect-Wandb -IdentityTokenFile' {
    BeforeEach {
        $State = Reset-WandbTestEnvironment
        Disconnect-Wandb
    }

    AfterEach {
        Restore-WandbTestEnvironment $State
    }

    It 'signs in keyless: Source, Subject and access token expiry, and the session works with the access token' {
        $before = Get-IssuedAccessTokenCount
        $c = Connect-Wandb -BaseUrl $Emulator.BaseUrl -IdentityTokenFile $Emulator.IdentityTokenFile -Verify
        $c.PSObject.TypeNames[0] | Should -Be 'WandbAuth.Connection'
        "$($c.Source)" | Should -Be 'IdentityToken'
        $c.SourceDetail | Should -Be $Emulator.IdentityTokenFile
        $c.Subject | Should -Be 'alice@example.com'
        "$($c.KeyFormat)" | Should -Be 'Jwt'
        $c.KeyId | Should -BeNullOrEmpty
        $c.User | Should -Be 'alice'
        # The emulator's access tokens last an hour, as its exchange says in expires_in.
        $left = $c.AccessTokenExpiresAt - [DateTimeOffset]::UtcNow
        $left.TotalMinutes | Should -BeGreaterThan 55
        $left.TotalMinutes | Should -BeLessOrEqual 60
        (Get-IssuedAccessTokenCount) | Should -Be ($before + 1)

        # Later cmdlets use the session's access token (no new exchange while it has time left).
        $keys = @(Get-WandbApiKey)
        $keys.Name | Should -Contain 'laptop'
        @($keys | Where-Object IsCurrent).Count | Should -Be 0
        (Get-IssuedAccessTokenCount) | Should -Be ($before + 1)
    }

    It 'finds WANDB_IDENTITY_TOKEN_FILE in the lookup chain, and refuses it beside WANDB_API_KEY' {
        $env:WANDB_IDENTITY_TOKEN_FILE = $Emulator.IdentityTokenFile
        $c = Connect-Wandb -BaseUrl $Emulator.BaseUrl
        "$($c.Source)" | Should -Be 'IdentityToken'
        $c.SourceDetail | Should -Be "WANDB_IDENTITY_TOKEN_FILE ($($Emulator.IdentityTokenFile))"
        $c.Subject | Should -Be 'alice@example.com'

        Disconnect-Wandb
        $env:WANDB_API_KEY = ConvertFrom-TestKey $Emulator.Key
        { Connect-Wandb -BaseUrl $Emulator.BaseUrl } | Should -Throw -ErrorId 'WandbCredentialConflict,*'
        Get-WandbConnection | Should -BeNullOrEmpty
    }

    It 'shows neither the JWT nor an access token in any stream, view, serialisation, error or transcript' {
        # A JWT W&B refuses (one character of its signature changed), for the error path: the refusal names the
        # claims, never the token.
        $parts = $Jwt.Split('.')
        $first = if ($parts[2][0] -eq 'A') { 'B' } else { 'A' }
        $forgedSignature = $first + $parts[2].Substring(1)
        $forged = $parts[0] + '.' + $parts[1] + '.' + $forgedSignature
        $forgedFile = [System.IO.Path]::Combine($State.Folder, 'forged.jwt')
        [System.IO.File]::WriteAllText($forgedFile, $forged)

        $transcript = [System.IO.Path]::Combine($State.Folder, 'transcript.txt')
        $null = Start-Transcript -LiteralPath $transcript
        try {
            # Every stream merged into the output, as a pipeline log records them.
            $records = @(& {
                    $c = Connect-Wandb -BaseUrl $Emulator.BaseUrl -IdentityTokenFile $Emulator.IdentityTokenFile -Verify -Verbose -Debug
                    $c
                    $c | Format-List * | Out-String
                    $c | Format-Table | Out-String
                    $c | ConvertTo-Json -Depth 4
                    Get-WandbApiKey -Verbose | Format-Table | Out-String
                    Get-WandbConnection | Format-List * | Out-Host
                    try { Connect-Wandb -BaseUrl $Emulator.BaseUrl -IdentityTokenFile $forgedFile -Verbose }
                    catch { $_ }
                } *>&1)
        }
        finally {
            $null = Stop-Transcript
        }
        $clixml = [System.IO.Path]::Combine($State.Folder, 'connection.clixml')
        Get-WandbConnection | Export-Clixml -LiteralPath $clixml

        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $refusal = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $refusal.Count | Should -Be 1
        $refusal[0].FullyQualifiedErrorId | Should -BeLike 'WandbIdentityTokenRejected,*'
        # The sign-in before the refusal is still the session's.
        (Get-WandbConnection).Subject | Should -Be 'alice@example.com'

        $secrets = @(Get-KeylessSecrets) + @($forged, $forgedSignature)
        # At least the access token of this sign-in besides the JWTs: a scan for nothing would prove nothing.
        (Get-IssuedAccessTokenCount) | Should -BeGreaterThan 0
        $texts = @($records | ForEach-Object { $_ | Out-String }) +
            @($refusal | ForEach-Object { $_.Exception.ToString(); "$($_.ErrorDetails)"; $_.TargetObject | Out-String }) +
            [System.IO.File]::ReadAllText($transcript) +
            [System.IO.File]::ReadAllText($clixml)
        $all = $texts -join "`n"
        $all | Should -Match 'alice@example\.com'   # the scan reads what was shown
        $all | Should -Match 'sub alice@example\.com'   # the refusal names the claims
        foreach ($secret in $secrets) {
            $all.Contains($secret) | Should -BeFalse -Because 'no keyless credential may reach a stream, a view, an error or a file'
        }
    }
}
