; Counter's Windows installer (Inno Setup 6), built by .github/workflows/windows.yml from the
; frozen one-folder program in dist\counter-app:
;   ISCC.exe /DAppVersion=0.1.0 packaging\counter.iss      -> dist\counter-setup-0.1.0.exe
;
; Per machine (administrator rights): the program in Program Files, a Start-menu entry, the
; version in "Programs and Features", and one data folder for every Windows account of the PC,
; C:\ProgramData\Counter (the store, its backups and the log), writable by the PC's users.
; The same AppId on every release makes a newer installer upgrade in place: it closes a running
; Counter, replaces the program files and never touches the data folder (the store is upgraded,
; after a backup copy in its backups\ folder, when the new Counter first opens it). Uninstalling
; leaves the data folder too.
;
; Silent installation (Inno Setup's own switches):
;   counter-setup-X.Y.Z.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG=install.log
;   [/DIR="D:\Counter"] [/TASKS="desktopicon"]
; and removal: "C:\Program Files\Counter\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z packaging\counter.iss
#endif

[Setup]
AppId={{289CC913-1593-449E-A43C-483AA4448526}
AppName=Counter
AppVersion={#AppVersion}
AppVerName=Counter {#AppVersion}
AppPublisher=Counter
AppComments=Bộ phận Tiếp nhận và Trả kết quả — one-stop reception counter
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Counter
DefaultGroupName=Counter
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=counter-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
LicenseFile=..\LICENSE
UninstallDisplayName=Counter {#AppVersion}
UninstallDisplayIcon={app}\counter-app.exe
CloseApplications=yes
CloseApplicationsFilter=counter-app.exe,counter-app-cli.exe
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; the station's data for every account of this PC; kept on upgrade and on removal
Name: "{commonappdata}\Counter"; Permissions: users-modify; Flags: uninsneveruninstall
Name: "{commonappdata}\Counter\Logs"; Permissions: users-modify; Flags: uninsneveruninstall

[InstallDelete]
; an upgrade replaces the whole program folder's libraries: nothing of the old version lingers
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\counter-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Counter"; Filename: "{app}\counter-app.exe"; WorkingDir: "{commonappdata}\Counter"
Name: "{group}\{cm:UninstallProgram,Counter}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Counter"; Filename: "{app}\counter-app.exe"; WorkingDir: "{commonappdata}\Counter"; Tasks: desktopicon

[Run]
Filename: "{app}\counter-app.exe"; Description: "{cm:LaunchProgram,Counter}"; Flags: nowait postinstall skipifsilent
