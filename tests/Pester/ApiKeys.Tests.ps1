# Create, list and remove keys, and -WhatIf, as a user at a prompt would, against the W&B emulator started here.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'TestSupport.ps1'))
    $Emulator = Start-WandbTestEmulator
    Import-WandbAuthUnderTest
    $Vault = Initialize-WandbTestVault -Emulator $Emulator
    $Prefix = 'WandbAuthPesterKeys'
    $State = Reset-WandbTestEnvironment
    $Connection = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify
}

AfterAll {
    Disconnect-Wandb -ErrorAction SilentlyContinue
    Restore-WandbTestEnvironment $State
    Clear-WandbTestVault -Vault $Vault -Prefix $Prefix
    Stop-WandbTestEmulator $Emulator
}

Describe 'Get-WandbApiKey' {
    It 'lists the connected user''s keys by key ID, the session''s own key marked' {
        $keys = @(Get-WandbApiKey)
        $keys.Count | Should -BeGreaterOrEqual 1
        $keys[0].PSObject.TypeNames[0] | Should -Be 'WandbAuth.ApiKey'
        @($keys | Where-Object IsCurrent).Count | Should -Be 1
        ($keys | Where-Object IsCurrent).KeyId | Should -Be $Connection.KeyId
        # A listed key is not a created one: it has no Key, Vault or SecretName at all.
        $keys | ForEach-Object { $_.PSObject.Properties['Key'] | Should -BeNullOrEmpty }
    }

    It 'filters by -Name wildcards and by -Search, ignoring case' {
        $null = New-WandbApiKey -Name 'pester-search-Target'
        @(Get-WandbApiKey -Name 'pester-search-*').Count | Should -Be 1
        @(Get-WandbApiKey -Search 'SEARCH-target').Count | Should -Be 1
        @(Get-WandbApiKey -Name 'no-such-key-*').Count | Should -Be 0
    }
}

Describe 'New-WandbApiKey' {
    It 'creates a key for the connected user and returns it once, as a SecureString' {
        $before = @(Get-WandbApiKey).Count
        $new = New-WandbApiKey -Name 'pester-new'
        $new.PSObject.TypeNames[0] | Should -Be 'WandbAuth.CreatedApiKey'
        $new.Name | Should -Be 'pester-new'
        $new.Owner | Should -Be 'alice'
        $new.Key | Should -BeOfType [securestring]
        @(Get-WandbApiKey).Count | Should -Be ($before + 1)
        # The new key works on its own.
        (Connect-Wandb -ApiKey $new.Key -BaseUrl $Emulator.BaseUrl -Verify).User | Should -Be 'alice'
        $null = Connect-Wandb -ApiKey $Emulator.Key -BaseUrl $Emulator.BaseUrl -Verify
    }

    It '-WhatIf creates nothing' {
        $before = @(Get-WandbApiKey).Count
        New-WandbApiKey -Name 'pester-whatif' -WhatIf | Should -BeNullOrEmpty
        @(Get-WandbApiKey).Count | Should -Be $before
    }

    It 'stores the new key straight into a vault and never overwrites a secret without -Force' {
        $name = New-TestSecretName $Prefix
        $new = New-WandbApiKey -Name 'pester-vault' -Vault $Vault.Name -SecretName $name
        $new.Vault | Should -Be $Vault.Name
        $new.SecretName | Should -Be $name
        $stored = Get-Secret -Name $name -Vault $Vault.Name -AsPlainText
        $stored | Should -Be (ConvertFrom-TestKey $new.Key)

        $before = @(Get-WandbApiKey).Count
        New-WandbApiKey -Name 'pester-vault-2' -Vault $Vault.Name -SecretName $name -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'WandbSecretExists*'
        @(Get-WandbApiKey).Count | Should -Be $before
        Get-Secret -Name $name -Vault $Vault.Name -AsPlainText | Should -Be $stored
    }
}

Describe 'Remove-WandbApiKey' {
    It '-WhatIf deletes nothing' {
        $null = New-WandbApiKey -Name 'pester-keep'
        Get-WandbApiKey -Name 'pester-keep' | Remove-WandbApiKey -WhatIf
        @(Get-WandbApiKey -Name 'pester-keep').Count | Should -Be 1
    }

    It 'deletes keys piped from Get-WandbApiKey' {
        $null = New-WandbApiKey -Name 'pester-old-1'
        $null = New-WandbApiKey -Name 'pester-old-2'
        Get-WandbApiKey -Name 'pester-old-*' | Remove-WandbApiKey -Confirm:$false
        @(Get-WandbApiKey -Name 'pester-old-*').Count | Should -Be 0
    }

    It 'deletes by -KeyId' {
        $new = New-WandbApiKey -Name 'pester-by-id'
        Remove-WandbApiKey -KeyId $new.KeyId -Confirm:$false
        @(Get-WandbApiKey -KeyId $new.KeyId -ErrorVariable missing -ErrorAction SilentlyContinue).Count | Should -Be 0
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'WandbKeyNotFound,*'
    }

    It 'refuses to delete the session''s own key without -Force' {
        Remove-WandbApiKey -KeyId $Connection.KeyId -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'WandbCurrentKeyProtected*'
        @(Get-WandbApiKey -KeyId $Connection.KeyId).Count | Should -Be 1
    }

    It 'reports a key that does not exist as ObjectNotFound and goes on with the rest' {
        $new = New-WandbApiKey -Name 'pester-after-missing'
        Remove-WandbApiKey -KeyId 'nosuchkey0', $new.KeyId -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        "$($failed[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        @(Get-WandbApiKey -KeyId $new.KeyId -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}
