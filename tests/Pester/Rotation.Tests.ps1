# Invoke-WandbKeyRotation against the W&B emulator started here and a SecretManagement vault: the one named by
# WANDBAUTH_TEST_VAULT, else the stand-in (see Initialize-WandbTestVault).

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'TestSupport.ps1'))
    $Emulator = Start-WandbTestEmulator
    Import-WandbAuthUnderTest
    $Vault = Initialize-WandbTestVault -Emulator $Emulator
    $Prefix = 'WandbAuthPesterRotate'
    $State = Reset-WandbTestEnvironment
    $Connection = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify

    # A secret holding a fresh key of alice's, so rotating it never touches the key this session uses.
    function New-RotatableSecret {
        param([string] $Name)
        $key = New-WandbApiKey -Name "pester $Name" -Vault $Vault.Name -SecretName $Name
        [pscustomobject]@{ Name = $Name; KeyId = $key.KeyId; Plain = (Get-Secret -Name $Name -Vault $Vault.Name -AsPlainText) }
    }
}

AfterAll {
    Disconnect-Wandb -ErrorAction SilentlyContinue
    Restore-WandbTestEnvironment $State
    Clear-WandbTestVault -Vault $Vault -Prefix $Prefix
    Stop-WandbTestEmulator $Emulator
}

Describe 'Invoke-WandbKeyRotation' {
    BeforeEach {
        $Secret = New-RotatableSecret (New-TestSecretName $Prefix)
        $KeyCount = @(Get-WandbApiKey).Count
    }

    It 'replaces the key in the secret with a verified new key of the same owner and deletes the old one' {
        $r = Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -Confirm:$false
        $r.PSObject.TypeNames[0] | Should -Be 'WandbAuth.RotationResult'
        "$($r.Status)" | Should -Be 'Completed'
        $r.Owner | Should -Be 'alice'
        $r.OldKeyId | Should -Be $Secret.KeyId
        $r.NewKeyId | Should -Not -Be $Secret.KeyId

        Get-Secret -Name $Secret.Name -Vault $Vault.Name -AsPlainText | Should -Not -Be $Secret.Plain
        # A deleted key's ID is not there any more: Get-WandbApiKey says so, as Get-Item does of a missing path.
        @(Get-WandbApiKey -KeyId $Secret.KeyId -ErrorVariable gone -ErrorAction SilentlyContinue).Count | Should -Be 0
        "$($gone[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        @(Get-WandbApiKey -KeyId $r.NewKeyId).Count | Should -Be 1
        @(Get-WandbApiKey).Count | Should -Be $KeyCount
        # Its working secrets stay in the vault, cleared (Azure Key Vault refuses to write a removed name again):
        # neither holds a key any more.
        foreach ($helper in "$($Secret.Name)-WandbRotation", "$($Secret.Name)-WandbPending") {
            $left = Get-Secret -Name $helper -Vault $Vault.Name -AsPlainText -ErrorAction SilentlyContinue
            $left | Should -BeIn @($null, 'cleared') -Because "$helper holds no key"
        }
        # The stored key works.
        $check = Connect-Wandb -Vault $Vault.Name -SecretName $Secret.Name -BaseUrl $Emulator.BaseUrl -Verify
        $check.User | Should -Be 'alice'
        $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify
    }

    It 'switches this session to the new key when it rotates the key the session is connected with' {
        $null = Connect-Wandb -Vault $Vault.Name -SecretName $Secret.Name -BaseUrl $Emulator.BaseUrl -Verify
        try {
            $r = Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -Confirm:$false
            "$($r.Status)" | Should -Be 'Completed'
            $r.Message | Should -BeLike "*now uses the new key $($r.NewKeyId)*"
            (Get-WandbConnection).KeyId | Should -Be $r.NewKeyId
            # The old key is deleted, yet the session goes on working.
            @(Get-WandbApiKey -KeyId $r.NewKeyId).Count | Should -Be 1
        }
        finally {
            $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify
        }
    }

    It '-WhatIf changes nothing' {
        Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -WhatIf | Should -BeNullOrEmpty
        Get-Secret -Name $Secret.Name -Vault $Vault.Name -AsPlainText | Should -Be $Secret.Plain
        @(Get-WandbApiKey).Count | Should -Be $KeyCount
    }

    It 'hands -UpdateScript the new key as a SecureString before the old key goes' {
        $seen = @{}
        $r = Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -Confirm:$false -UpdateScript {
            param($newKey)
            $seen.Type = $newKey.GetType().FullName
            $seen.OldKeyStillListed = @(Get-WandbApiKey -KeyId $Secret.KeyId).Count
        }
        "$($r.Status)" | Should -Be 'Completed'
        $seen.Type | Should -Be 'System.Security.SecureString'
        $seen.OldKeyStillListed | Should -Be 1
    }

    It 'rolls back when -UpdateScript throws: the old key stays in the secret and no new key is left' {
        $r = Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -Confirm:$false `
            -UpdateScript { throw 'kubectl apply failed' } -ErrorVariable failed -ErrorAction SilentlyContinue
        "$($r.Status)" | Should -Be 'RolledBack'
        $r.Message | Should -Match 'kubectl apply failed'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WandbRotationRolledBack*'
        Get-Secret -Name $Secret.Name -Vault $Vault.Name -AsPlainText | Should -Be $Secret.Plain
        @(Get-WandbApiKey).Count | Should -Be $KeyCount
    }

    It '-KeepOldKey stores the new key and leaves the old one working' {
        $r = Invoke-WandbKeyRotation -SecretName $Secret.Name -Vault $Vault.Name -KeepOldKey -NewKeyName 'pester kept' -Confirm:$false
        "$($r.Status)" | Should -Be 'Completed'
        @(Get-WandbApiKey -KeyId $Secret.KeyId).Count | Should -Be 1
        (Get-WandbApiKey -KeyId $r.NewKeyId).Name | Should -BeLike 'pester kept*'
    }

    It 'rotates every secret piped from Get-SecretInfo' {
        $batch = New-TestSecretName $Prefix
        $a = New-RotatableSecret "${batch}a"
        $b = New-RotatableSecret "${batch}b"
        $results = @(Get-SecretInfo -Vault $Vault.Name -Name "$batch*" | Invoke-WandbKeyRotation -ThrottleLimit 2 -Confirm:$false)
        $results.Count | Should -Be 2
        $results | ForEach-Object { "$($_.Status)" | Should -Be 'Completed' }
        @(Get-WandbApiKey -KeyId $a.KeyId, $b.KeyId -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}
