package builtin

var (
	npmA1, npmA2 = crcTokA("npm-1", "npm_"), crcTokA("npm-2", "npm_")
	npmUUIDA     = fakeA("npmrc-1", hexA, 8) + "-" + fakeA("npmrc-2", hexA, 4) + "-4" + fakeA("npmrc-3", hexA, 3) + "-a" + fakeA("npmrc-4", hexA, 3) + "-" + fakeA("npmrc-5", hexA, 12)
	pypiA1       = "pypi-AgEIcHlwaS5vcmcCJDYyZTU4Y2I0LTJmNTAtNDZjYi1hZThhLTJiN2UwMmQ4MGU5ZgACKgABKlt7InZlcnNpb24iOiAxLCAicGVybWlzc2lvbnMiOiAidXNlciJ9XQACKh" + fakeA("pypi-1", b64urlA, 70)
	pypiA2       = "pypi-AgENdGVzdC5weXBpLm9yZwIkNmQ" + fakeA("pypi-2", b64urlA, 140)
	gemA1, gemA2 = "rubygems_" + fakeA("gem-1", hexA, 48), "rubygems_" + fakeA("gem-2", hexA, 48)
	nugetA       = "oy2" + fakeA("nuget-1", "abcdefghijklmnopqrstuvwxyz234567", 43)
	dckrA1       = "dckr_pat_" + fakeA("dckr-1", b64urlA, 27)
	dckrA2       = "dckr_pat_" + fakeA("dckr-2", alnumA, 27)
	dckrOatA     = "dckr_oat_" + fakeA("dckr-oat", b64urlA, 32)
	clojarsA     = "CLOJARS_" + fakeA("clojars-1", lowAlnA, 60)
	cioA         = "cio" + fakeA("cio-1", alnumA, 32)
	packagistA   = "packagist_uut_" + fakeA("packagist-1", alnumA, 64)
	gradleA      = fakeA("gradle-1", alnumA, 32)
)

var _ = register(
	ruleCase{
		id: "npm-token",
		tps: []tp{
			tpA(`export NODE_AUTH_TOKEN="{s}"`, npmA1),
			tpA(`npm http fetch GET 401 https://registry.npmjs.org/@acme%2fui 112ms (cache skip) authorization: Bearer {s}`, npmA2),
			tpA(`  npm_token: {s}`, npmA1),
		},
		fps: []string{fpA(`NPM_TOKEN={s}`, badCRCA(npmA1)), `NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, `npm_config_cache=/root/.npm/_cacache`},
	},
	ruleCase{
		id: "npm-npmrc-auth-token",
		tps: []tp{
			tpA(`+ echo //registry.npmjs.org/:_authToken={s} >> ~/.npmrc`, npmUUIDA),
			tpA(`npm verbose config //npm.pkg.github.com/:_authToken="{s}"`, npmUUIDA),
		},
		fps: []string{`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`},
	},
	ruleCase{
		id: "pypi-token",
		tps: []tp{
			tpA(`[pod/worker-vk7stwkpk-4k7sm/worker] UV_PUBLISH_TOKEN={s}`, pypiA1),
			tpA(`+ twine upload --repository testpypi -u __token__ -p {s} dist/*`, pypiA2),
		},
		fps: []string{`TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc`, `pip install pypi-simple==1.5.0`},
	},
	ruleCase{
		id: "rubygems-api-key",
		tps: []tp{
			tpA(`GEM_HOST_API_KEY={s}`, gemA1),
			tpA(`---\n:rubygems_api_key: {s}`, gemA2),
		},
		fps: []string{fpA(`GEM_HOST_API_KEY={s}`, gemA1[:40])},
	},
	ruleCase{
		id: "nuget-api-key",
		tps: []tp{
			tpA(`+ dotnet nuget push bin/Release/Acme.Core.1.4.0.nupkg --api-key {s} --source https://api.nuget.org/v3/index.json`, nugetA),
			tpA(`{"level":"info","msg":"nuget push","apiKey":"{s}"}`, nugetA),
		},
		fps: []string{fpA(`--api-key {s}`, nugetA[:30]), `--api-key oy2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`},
	},
	ruleCase{
		id: "dockerhub-pat",
		tps: []tp{
			tpA(`{"config":{"dockerhub_token":"{s}","timeout":3},"level":"info","msg":"loaded configuration"}`, dckrA1),
			tpA(`+ echo {s} | docker login -u acmeci --password-stdin`, dckrA2),
		},
		fps: []string{`DOCKERHUB_TOKEN=dckr_pat_xxxx`, `docker_password: dckr_pat_YOUR_TOKEN_GOES_HERE_123456`},
	},
	ruleCase{
		id: "dockerhub-oat",
		tps: []tp{
			tpA(`+ docker login -u acme -p {s}`, dckrOatA),
			tpA(`DOCKER_PASSWORD={s}`, dckrOatA),
		},
		fps: []string{`DOCKER_PASSWORD=dckr_oat_short`},
	},
	ruleCase{
		id: "clojars-deploy-token",
		tps: []tp{
			tpA(`CLOJARS_PASSWORD={s}`, clojarsA),
			tpA(`Retrieving deploy credentials {:username "acme" :password "{s}"}`, clojarsA),
		},
		fps: []string{`CLOJARS_USERNAME=acme`},
	},
	ruleCase{
		id: "crates-io-token",
		tps: []tp{
			tpA(`CARGO_REGISTRY_TOKEN={s}`, cioA),
			tpA(`    env: {"CARGO_REGISTRY_TOKEN": "{s}"}`, cioA),
		},
		fps: []string{`CARGO_REGISTRY_TOKEN=${{ secrets.CRATES_IO }}`},
	},
	ruleCase{
		id: "packagist-token",
		tps: []tp{
			tpA(`+ composer config --global --auth http-basic.repo.packagist.com token {s}`, packagistA),
			tpA(`COMPOSER_AUTH={"http-basic":{"repo.packagist.com":{"username":"token","password":"{s}"}}}`, packagistA),
		},
		fps: []string{`packagist_uut_`},
	},
	ruleCase{
		id: "gradle-plugin-portal-secret",
		tps: []tp{
			tpA(`+ ./gradlew publishPlugins -Pgradle.publish.key=acme -Pgradle.publish.secret={s}`, gradleA),
			tpA(`GRADLE_PUBLISH_SECRET={s}`, gradleA),
		},
		fps: []string{`-Pgradle.publish.secret=$GRADLE_PUBLISH_SECRET`},
	},
)
